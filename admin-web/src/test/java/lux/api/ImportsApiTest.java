package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.imports.ContactImportService;
import lux.imports.ImportJob;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** CSV import through the API: upload, background run, counts, error report. */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ImportsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ContactImportService imports;

    @Autowired
    ContactService contacts;

    @Autowired
    ObjectMapper json;

    String token;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        var ada = fixtures.user("ada@lux.test", Role.ADMIN);
        token = tokens
            .create("tests", fixtures.user("mark@lux.test", Role.MARKETER).getId(), java.time.Duration.ofDays(90),
                    new Actor(ada.getId(), "Ada", lux.audit.Channel.CONSOLE))
            .secret();
    }

    @Test
    void importsACsvInTheBackgroundAndReportsTheBadRows() throws Exception {
        byte[] csv = "email,first_name,plan\nanna@example.org,Anna,gold\nnot-an-address,Bob,free\nbea@example.org,Bea,free\n"
            .getBytes(StandardCharsets.UTF_8);
        String body = mvc
            .perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "leads.csv", "text/csv", csv))
                .param("tags", "fair-2026")
                .param("mode", "ADD_NEW_ONLY")
                .header("Authorization", "Bearer " + token))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.fileName").value("leads.csv"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(body).get("id").asLong();

        ImportJob job = awaitDone(id);
        assertThat(job.created()).isEqualTo(2);
        assertThat(job.invalid()).isEqualTo(1);
        assertThat(contacts.findByEmail("anna@example.org")).get().satisfies(c -> {
            assertThat(c.tags()).contains("fair-2026");
            assertThat(c.attributes()).containsEntry("plan", "gold");
        });
        mvc.perform(get("/api/v1/imports/" + id).header("Authorization", "Bearer " + token))
            .andExpect(jsonPath("$.status").value("FINISHED"))
            .andExpect(jsonPath("$.hasErrorReport").value(true));
        mvc.perform(get("/api/v1/imports/" + id + "/errors").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("not-an-address")))
            .andExpect(content().string(containsString("line")));
        mvc.perform(get("/api/v1/imports").header("Authorization", "Bearer " + token))
            .andExpect(jsonPath("$.totalItems").value(1));
    }

    @Test
    void theErrorReportQuotesCellsThatWouldRunAsFormulas() throws Exception {
        byte[] csv = "email,first_name\n@SUM(1+1)*cmd|' /C calc'!A0,Mallory\n+1 555 0100,Phone\n=1+1,Eq\n"
            .getBytes(StandardCharsets.UTF_8);
        String body = mvc
            .perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "evil.csv", "text/csv", csv))
                .header("Authorization", "Bearer " + token))
            .andExpect(status().isAccepted())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(body).get("id").asLong();
        assertThat(awaitDone(id).invalid()).isEqualTo(3);

        String report = mvc.perform(get("/api/v1/imports/" + id + "/errors").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
            .setHeader()
            .get()
            .parse(new java.io.StringReader(report))
            .getRecords();
        assertThat(rows).extracting(r -> r.get("email"))
            .containsExactly("'@SUM(1+1)*cmd|' /C calc'!A0", "+1 555 0100", "'=1+1");
        assertThat(rows).extracting(r -> r.get("line")).containsExactly("2", "3", "4");
    }

    @Test
    void anEmptyUploadIsAProblemNamingTheFile() throws Exception {
        mvc.perform(
                multipart("/api/v1/imports").file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                    .header("Authorization", "Bearer " + token))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.field").value("file"));
        mvc.perform(get("/api/v1/imports/987654").header("Authorization", "Bearer " + token))
            .andExpect(status().isNotFound());
    }

    private ImportJob awaitDone(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ImportJob job = imports.get(id);
        while (!job.status().done() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            job = imports.get(id);
        }
        assertThat(job.status().done()).as("import finished in time").isTrue();
        return job;
    }

}
