package lux.teams.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import lux.teams.testsupport.EntraTokenDouble;
import lux.teams.testsupport.ManagedIdentityDouble;
import lux.teams.testsupport.TestCertificates;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Where the bot's outbound tokens come from, over the real wire formats: Entra ID's token
 * endpoint (an HTTPS double) with a secret, a PKCS#12 or a PEM certificate; a managed
 * identity endpoint speaking IMDS. Tokens are cached until shortly before they expire;
 * 429, 5xx and network errors are retried, refusals are not, and no error repeats a
 * secret.
 */
class BotTokenSourcesTest {

    static final String APP = "0f6c2b1a-3d4e-4f50-8a9b-0c1d2e3f4a5b";
    static final String TENANT = "contoso-tenant";
    static final String SECRET = "the-real-secret~Q8z";
    static final TestCertificates botCertificate = TestCertificates.create("lux-bot");

    @AutoClose
    static final EntraTokenDouble entra = new EntraTokenDouble().registerSecret(TENANT, APP, SECRET)
        .registerCertificate("cert-tenant", APP, botCertificate.certificate());

    @AutoClose
    static final ManagedIdentityDouble msi = new ManagedIdentityDouble(APP);
    static final HttpClient trusting = HttpClient.newBuilder().sslContext(entra.tls().trustingContext()).build();

    final MutableClock clock = new MutableClock(Instant.now());

    @Test
    void aSingleTenantSecretGetsATokenFromTheTenantsEndpoint() {
        CachingTokenSource tokens = cached(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null), 3);
        String token = tokens.token();
        EntraTokenDouble.TokenRequest request = last();
        assertThat(token).isEqualTo(request.issued()).startsWith("entra." + TENANT + "." + APP);
        assertThat(request.form()).containsEntry("client_secret", SECRET).containsEntry("client_id", APP);
    }

    @Test
    void aMultiTenantBotAsksTheBotframeworkTenant() {
        entra.registerSecret("botframework.com", APP, SECRET);
        String token = cached(identity(BotAppType.MULTI_TENANT, "", SECRET, null), 1).token();
        assertThat(last().tenant()).isEqualTo("botframework.com");
        assertThat(token).startsWith("entra.botframework.com.");
    }

    @Test
    void aPkcs12CertificateSignsAClientAssertionTheEndpointVerifies() {
        BotIdentity identity = new BotIdentity(APP, "", "cert-tenant", BotAppType.SINGLE_TENANT,
                URI.create(entra.loginEndpoint()), botCertificate.pkcs12().toString(), TestCertificates.PASSWORD, null);
        String token = cached(identity, 1).token();
        assertThat(token).isEqualTo(last().issued());
        assertThat(last().form()).containsKey("client_assertion").doesNotContainKey("client_secret");
    }

    @Test
    void aPemCertificateWorksToo() {
        BotIdentity identity = new BotIdentity(APP, "", "cert-tenant", BotAppType.SINGLE_TENANT,
                URI.create(entra.loginEndpoint()), botCertificate.pem().toString(), null, null);
        assertThat(cached(identity, 1).token()).isEqualTo(last().issued());
    }

    @Test
    void aCertificateTheAppDoesNotHaveIsRefusedAtOnce() {
        TestCertificates other = TestCertificates.create("someone-else");
        BotIdentity identity = new BotIdentity(APP, "", "cert-tenant", BotAppType.SINGLE_TENANT,
                URI.create(entra.loginEndpoint()), other.pkcs12().toString(), TestCertificates.PASSWORD, null);
        int before = entra.requests().size();
        assertThatThrownBy(() -> cached(identity, 4).token()).hasMessageContaining("AADSTS700027")
            .hasMessageContaining("1 try");
        assertThat(entra.requests()).hasSize(before + 1);
    }

    @Test
    void aWrongSecretFailsAtOnceWithoutRepeatingIt() {
        int before = entra.requests().size();
        assertThatThrownBy(
                () -> cached(identity(BotAppType.SINGLE_TENANT, TENANT, "a-wrong-secret-777", null), 4).token())
            .hasMessageContaining("oauth2/v2.0/token")
            .hasMessageContaining("AADSTS7000215")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("a-wrong-secret-777").doesNotContain(SECRET));
        assertThat(entra.requests()).hasSize(before + 1);
    }

    @Test
    void transientErrorsAreRetriedWithBackoff() {
        entra.failNext(503, 429);
        int before = entra.requests().size();
        String token = cached(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null), 3).token();
        assertThat(entra.requests()).hasSize(before + 3);
        assertThat(token).isEqualTo(last().issued());
    }

    /**
     * 429 here: MSAL itself retries a 5xx once before it reports it, which would blur the
     * count.
     */
    @Test
    void retriesEndAfterTheConfiguredAttempts() {
        entra.failNext(429, 429);
        int before = entra.requests().size();
        assertThatThrownBy(() -> cached(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null), 2).token())
            .hasMessageContaining("2 tries")
            .hasMessageContaining("AADSTS50196");
        assertThat(entra.requests()).hasSize(before + 2);
    }

    @Test
    void aTokenIsKeptUntilFiveMinutesBeforeItExpires() {
        entra.expiresIn(3600);
        CachingTokenSource tokens = cached(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null), 1);
        String first = tokens.token();
        int requests = entra.requests().size();
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.token()).isEqualTo(first);
        assertThat(entra.requests()).hasSize(requests);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token()).isNotEqualTo(first).isEqualTo(last().issued());
        assertThat(entra.requests()).hasSize(requests + 1);
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLife() {
        entra.expiresIn(120);
        try {
            CachingTokenSource tokens = cached(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null), 1);
            String first = tokens.token();
            clock.advance(Duration.ofSeconds(50));
            assertThat(tokens.token()).isEqualTo(first);
            clock.advance(Duration.ofSeconds(15));
            assertThat(tokens.token()).isNotEqualTo(first);
        }
        finally {
            entra.expiresIn(3599);
        }
    }

    @Test
    void aUserAssignedIdentityAsksTheConfiguredEndpointForItsClientId() {
        BotIdentity identity = identity(BotAppType.USER_ASSIGNED_MSI, TENANT, "", msi.imdsEndpoint());
        msi.failNext(500);
        String token = cached(identity, 2).token();
        ManagedIdentityDouble.Request request = msi.requests().get(msi.requests().size() - 1);
        assertThat(token).isEqualTo(request.issued()).startsWith("msi." + APP);
        assertThat(request.query()).containsEntry("client_id", APP)
            .containsEntry("resource", "https://api.botframework.com");
        assertThat(request.headers()).containsEntry("metadata", "true");
    }

    @Test
    void anIdentityTheHostDoesNotHaveIsRefusedAtOnce() {
        BotIdentity identity = new BotIdentity("99999999-0000-0000-0000-000000000000", "", TENANT,
                BotAppType.USER_ASSIGNED_MSI, URI.create(entra.loginEndpoint()), null, null, msi.imdsEndpoint());
        int before = msi.requests().size();
        assertThatThrownBy(() -> cached(identity, 4).token()).hasMessageContaining("400")
            .hasMessageContaining("Identity not found");
        assertThat(msi.requests()).hasSize(before + 1);
    }

    @Test
    void incompleteIdentitiesSayWhatIsMissing() {
        assertThat(identity(BotAppType.SINGLE_TENANT, "", "", null).problems())
            .anySatisfy(p -> assertThat(p).contains("MicrosoftAppTenantId"))
            .anySatisfy(p -> assertThat(p).contains("MicrosoftAppPassword").contains("lux.teams.certificate-path"));
        assertThat(identity(BotAppType.USER_ASSIGNED_MSI, TENANT, "secret", null).problems()).singleElement()
            .asString()
            .contains("uses no secret");
        assertThat(new BotIdentity(APP, SECRET, TENANT, BotAppType.SINGLE_TENANT, URI.create("http://login.example"),
                null, null, null)
            .problems()).singleElement().asString().contains("https");
        assertThat(identity(BotAppType.SINGLE_TENANT, TENANT, SECRET, null).toString()).doesNotContain(SECRET);
        assertThat(BotAppType.parse("singletenant")).isEqualTo(BotAppType.SINGLE_TENANT);
        assertThat(BotAppType.parse("")).isEqualTo(BotAppType.MULTI_TENANT);
        assertThatThrownBy(() -> BotAppType.parse("SystemAssignedMSI"))
            .hasMessageContaining("MultiTenant, SingleTenant or UserAssignedMSI");
    }

    private BotIdentity identity(BotAppType type, String tenant, String secret, String msiEndpoint) {
        return new BotIdentity(APP, secret, tenant, type, URI.create(entra.loginEndpoint()), null, null, msiEndpoint);
    }

    private CachingTokenSource cached(BotIdentity identity, int attempts) {
        return new CachingTokenSource(TokenSources.forIdentity(identity, trusting, clock), clock, attempts,
                Duration.ofMillis(5));
    }

    private static EntraTokenDouble.TokenRequest last() {
        var requests = entra.requests();
        return requests.get(requests.size() - 1);
    }

}
