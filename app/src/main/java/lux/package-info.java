/** The launcher: one Spring Boot application that assembles every LUX module. */
package lux;
