/** Tests of the whole application's schema: every module's migrations in one history. */
package lux.migrations;
