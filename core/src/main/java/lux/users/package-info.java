/** LUX users (admins and marketers) and their link to a Teams identity. */
package lux.users;
