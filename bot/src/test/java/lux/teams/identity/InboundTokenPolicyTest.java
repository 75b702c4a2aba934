package lux.teams.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ClaimsValidator;
import com.microsoft.bot.schema.Activity;
import java.util.Map;
import lux.teams.testsupport.BotFrameworkDouble;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The checks 4.14.3 leaves out. Its own route would send a skill or Emulator token to
 * Entra ID's public keys (on the internet, so an end-to-end test alone would pass for the
 * wrong reason); these show LUX refuses them before that, and that the claims are checked
 * once more after validation, where the SDK drops its skill check.
 */
class InboundTokenPolicyTest {

    static final String APP = "5b1e7a54-7d0c-4c55-9c8e-2f0c6f5e1a01";
    static final String SERVICE = "https://smba.trafficmanager.net/emea/";

    @AutoClose
    static final BotFrameworkDouble botFramework = new BotFrameworkDouble();

    final InboundTokenPolicy policy = new InboundTokenPolicy(APP);

    @Test
    void aChannelTokenPassesToTheSdksValidation() {
        assertThat(policy.refusal(botFramework.token(APP, SERVICE).bearer(), activity(SERVICE))).isNull();
    }

    @Test
    void skillTokensAreRefusedBeforeAnyKeyIsFetched() {
        assertThat(policy.refusal(botFramework.token(APP, SERVICE).fromSkill("other-bot").bearer(), activity(SERVICE)))
            .contains("skill")
            .contains("other-bot");
        assertThat(
                policy.refusal(botFramework.token(APP, SERVICE).claim("ver", "2.0").claim("azp", "other-bot").bearer(),
                        activity(SERVICE)))
            .contains("skill");
        assertThat(botFramework.keyRequests()).isZero();
    }

    @Test
    void emulatorTokensAreRefusedInTeamsMode() {
        String emulator = botFramework.token(APP, SERVICE)
            .issuer("https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0")
            .claim("ver", "2.0")
            .claim("azp", APP)
            .bearer();
        assertThat(policy.refusal(emulator, activity(SERVICE))).contains("Emulator");
    }

    @Test
    void anActivityWithoutServiceUrlCannotSkipTheServiceurlCheck() {
        assertThat(policy.refusal(botFramework.token(APP, SERVICE).bearer(), activity(null))).contains("serviceUrl");
    }

    @Test
    void malformedHeadersAreRefused() {
        assertThat(policy.refusal("Bearer not.a.jwt", activity(SERVICE))).contains("not a JWT");
        assertThat(policy.refusal("Basic dXNlcjpwYXNz", activity(SERVICE))).contains("Bearer");
    }

    @Test
    void afterValidationOnlyChannelClaimsForThisBotPass() {
        ClaimsValidator validator = policy.claimsValidator();
        Map<String, String> channel = Map.of("iss", "https://api.botframework.com", "aud", APP, "serviceurl", SERVICE);
        assertThat(validator.validateClaims(channel)).isCompleted();
        assertThatThrownBy(() -> validator.validateClaims(Map.of("iss", "https://api.botframework.com", "aud", APP,
                "serviceurl", SERVICE, "ver", "1.0", "appid", "other-bot")))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("Skill");
        assertThatThrownBy(() -> validator
            .validateClaims(Map.of("iss", "https://sts.windows.net/x/", "aud", APP, "serviceurl", SERVICE)))
            .hasMessageContaining("channel tokens");
        assertThatThrownBy(() -> validator
            .validateClaims(Map.of("iss", "https://api.botframework.com", "aud", "another-bot", "serviceurl", SERVICE)))
            .hasMessageContaining("another bot");
        assertThatThrownBy(() -> validator.validateClaims(Map.of("iss", "https://api.botframework.com", "aud", APP)))
            .hasMessageContaining("serviceurl");
    }

    private static Activity activity(String serviceUrl) {
        Activity activity = new Activity("message");
        activity.setServiceUrl(serviceUrl);
        activity.setChannelId("msteams");
        return activity;
    }

}
