package lux.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of shared/DESIGN.md, checked on every build: core knows nothing of
 * Teams, LLMs or HTTP; only the bot imports Bot Framework; only the agent imports
 * LangChain4j; only the Graph transport and the bot's identity (the SDK's credential
 * interface is MSAL's) import MSAL/Graph; the console and the bot never reach into each
 * other.
 */
class ModuleBoundariesTest {

    static final String[] CORE = { "lux.shared..", "lux.audit..", "lux.users..", "lux.contacts..", "lux.templates..",
            "lux.campaigns..", "lux.delivery..", "lux.mail..", "lux.tracking..", "lux.stats..", "lux.config..",
            "lux.imports..", "lux.suppression..", "lux.gdpr..", "lux.preflight..", "lux.consent..", "lux.signup..",
            "lux.preferences..", "lux.abtests.." };
    static final String[] WEB = { "lux.admin..", "lux.api..", "lux.publicweb.." };
    static JavaClasses lux;

    @BeforeAll
    static void importClasses() {
        lux = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("lux");
    }

    /**
     * The one exception is {@code lux.shared.web}: servlet pieces the web modules share
     * (the request body limit), used by no other core package.
     */
    @Test
    void coreKnowsNothingOfTeamsLlmsOrHttp() {
        noClasses().that()
            .resideInAnyPackage(CORE)
            .and()
            .resideOutsideOfPackage("lux.shared.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("lux.teams..", "lux.agent..", "lux.admin..", "lux.api..", "lux.publicweb..",
                    "com.microsoft.bot..", "dev.langchain4j..", "jakarta.servlet..",
                    "org.springframework.web.servlet..", "org.springframework.web.bind..")
            .check(lux);
    }

    @Test
    void theSharedWebPiecesServeOnlyTheWebModules() {
        noClasses().that()
            .resideInAnyPackage(CORE)
            .and()
            .resideOutsideOfPackage("lux.shared.web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("lux.shared.web..")
            .check(lux);
    }

    @Test
    void onlyTheBotImportsBotFramework() {
        noClasses().that()
            .resideOutsideOfPackage("lux.teams..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.microsoft.bot..")
            .check(lux);
    }

    @Test
    void onlyTheAgentImportsLangChain4j() {
        noClasses().that()
            .resideOutsideOfPackage("lux.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.langchain4j..")
            .check(lux);
    }

    @Test
    void onlyTheGraphTransportAndTheBotIdentityImportMsalOrGraph() {
        noClasses().that()
            .resideOutsideOfPackages("..graph..", "lux.teams.identity..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.microsoft.aad.msal4j..", "com.microsoft.graph..")
            .check(lux);
    }

    /**
     * Empty packages are allowed so the rule holds while a module is still being built.
     */
    @Test
    void toolsAndBotStayOutOfTheConsoleAndTheConsoleOutOfThem() {
        noClasses().that()
            .resideInAnyPackage("lux.agent..", "lux.teams..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(WEB)
            .allowEmptyShould(true)
            .check(lux);
        noClasses().that()
            .resideInAnyPackage(WEB)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("lux.teams..", "lux.agent..")
            .allowEmptyShould(true)
            .check(lux);
        noClasses().that()
            .resideInAPackage("lux.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("lux.teams..")
            .allowEmptyShould(true)
            .check(lux);
    }

    @Test
    void everyFeaturePackageSaysWhatItIsFor() {
        classes().that()
            .resideInAPackage("lux..")
            .and()
            .areNotAnonymousClasses()
            .should(new ArchCondition<>("live in a package with a package-info.java") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    boolean documented = item.getPackage().tryGetPackageInfo().isPresent();
                    if (!documented) {
                        events.add(SimpleConditionEvent.violated(item,
                                item.getPackageName() + " has no package-info.java"));
                    }
                }
            })
            .check(lux);
    }

}
