/**
 * The suppression list: addresses and domains never to be mailed, honoured at import and
 * at send time.
 */
package lux.suppression;
