package lux.teams.identity;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ClaimsValidator;
import com.microsoft.bot.connector.authentication.EmulatorValidation;
import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.schema.Activity;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a Teams-mode bot accepts on {@code /api/messages} beyond the SDK's signature,
 * lifetime, issuer, audience, endorsement and serviceurl checks: only Bot Connector
 * channel tokens. Entra ID tokens that the SDK routes to its Emulator or skill
 * (bot-to-bot) validation are refused before any key is fetched, and after validation the
 * claims are checked once more, because 4.14.3 computes its skill claims check and drops
 * the result.
 */
final class InboundTokenPolicy {

    static final String CHANNEL_ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER;

    private final String appId;

    InboundTokenPolicy(String appId) {
        this.appId = appId;
    }

    /**
     * Why the request must not reach the SDK's validation, or null. Reads the token
     * without trusting it.
     */
    String refusal(String authHeader, Activity activity) {
        if (authHeader == null || authHeader.isBlank()) {
            return null; // the SDK refuses a missing header itself
        }
        String[] parts = authHeader.strip().split(" ");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return "the Authorization header is not 'Bearer <token>'";
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(parts[1]);
        }
        catch (RuntimeException e) {
            return "the bearer token is not a JWT";
        }
        if (SkillValidation.isSkillClaim(claims(jwt))) {
            return "a skill (bot-to-bot) token from app " + appIdOf(jwt) + ": LUX answers Teams only, not other bots";
        }
        if (EmulatorValidation.isTokenFromEmulator(authHeader)) {
            return "an Entra ID token for the Bot Framework Emulator or a skill: in Teams mode LUX accepts only channel "
                    + "tokens (use local mode, without MicrosoftAppId, for the Emulator)";
        }
        if (!CHANNEL_ISSUER.equalsIgnoreCase(jwt.getIssuer())) {
            return "the token's issuer is not " + CHANNEL_ISSUER;
        }
        if (activity.getServiceUrl() == null || activity.getServiceUrl().isBlank()) {
            return "the activity has no serviceUrl to check against the token's serviceurl claim";
        }
        return null;
    }

    /**
     * Runs after the SDK validated the token. Throws: 4.14.3 ignores the future a
     * validator returns.
     */
    ClaimsValidator claimsValidator() {
        return new ClaimsValidator() {
            @Override
            public CompletableFuture<Void> validateClaims(Map<String, String> claims) {
                if (SkillValidation.isSkillClaim(claims)) {
                    throw new AuthenticationException("Skill (bot-to-bot) tokens are not accepted");
                }
                if (!CHANNEL_ISSUER.equalsIgnoreCase(claims.get("iss"))) {
                    throw new AuthenticationException("Only Bot Connector channel tokens are accepted");
                }
                if (!appId.equals(claims.get(AuthenticationConstants.AUDIENCE_CLAIM))) {
                    throw new AuthenticationException("The token is for another bot");
                }
                String serviceUrl = claims.get(AuthenticationConstants.SERVICE_URL_CLAIM);
                if (serviceUrl == null || serviceUrl.isBlank()) {
                    throw new AuthenticationException("The channel token has no serviceurl claim");
                }
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    private static Map<String, String> claims(DecodedJWT jwt) {
        Map<String, String> claims = new java.util.HashMap<>();
        for (Map.Entry<String, Claim> e : jwt.getClaims().entrySet()) {
            String value = e.getValue().asString();
            if (value == null && e.getKey().equals(AuthenticationConstants.AUDIENCE_CLAIM) && jwt.getAudience() != null
                    && !jwt.getAudience().isEmpty()) {
                value = jwt.getAudience().get(0);
            }
            claims.put(e.getKey(), value);
        }
        return claims;
    }

    private static String appIdOf(DecodedJWT jwt) {
        String azp = jwt.getClaim(AuthenticationConstants.AUTHORIZED_PARTY).asString();
        return azp != null ? azp : String.valueOf(jwt.getClaim(AuthenticationConstants.APPID_CLAIM).asString());
    }

}
