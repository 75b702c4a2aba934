/** The audit log: who did what, from Teams, the console, the API or the scheduler. */
package lux.audit;
