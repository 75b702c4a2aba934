package lux.teams.identity;

/**
 * Where the bot's outbound tokens come from: an Entra token endpoint or a managed
 * identity endpoint.
 */
interface TokenSource {

    /** One request for a fresh token; throws what the endpoint or the network said. */
    AccessToken fetch() throws Exception;

    /** For logs and errors: where tokens come from, without secrets. */
    String describe();

}
