/** End-to-end tests of the console in a real Chromium. */
package lux.e2e;
