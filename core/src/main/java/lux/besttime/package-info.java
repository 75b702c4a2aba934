/**
 * Send-time optimisation: each contact's best hour of the week from their human opens
 * (else the audience's), the recipients' due times within a window, and how the best-time
 * send compared with the plain one.
 */
package lux.besttime;
