package lux.teams.identity;

import java.net.http.HttpClient;

/**
 * The HTTP client the bot's token requests use. Production uses the JDK default (the
 * JVM's trust store); a test declares this bean with a client that trusts its TLS double.
 */
public record TokenHttpClient(HttpClient client) {
}
