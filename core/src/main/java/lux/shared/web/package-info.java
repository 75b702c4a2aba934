/**
 * Servlet pieces the web modules (bot, console and API) share; the rest of core knows no
 * HTTP.
 */
@NamedInterface("web")
package lux.shared.web;

import org.springframework.modulith.NamedInterface;
