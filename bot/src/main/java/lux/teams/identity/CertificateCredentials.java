package lux.teams.identity;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCertificate;
import lux.shared.CertificateFiles;

/**
 * The bot's app registration certificate (PKCS#12 or PEM, see {@link CertificateFiles})
 * as MSAL's credential.
 */
final class CertificateCredentials {

    private CertificateCredentials() {
    }

    static IClientCertificate load(String path, String password, String setting) {
        CertificateFiles.ClientCertificate certificate = CertificateFiles.load(path, password, setting);
        return ClientCredentialFactory.createFromCertificateChain(certificate.key(), certificate.chain());
    }

}
