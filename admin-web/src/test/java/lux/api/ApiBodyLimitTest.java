package lux.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * JSON bodies over lux.api.max-json-body (1 MB) are refused with 413 before
 * authentication or parsing.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ApiBodyLimitTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aJsonBodyOverOneMegabyteIs413EvenBeforeAuthentication() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        mvc.perform(post("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .header("Authorization", "Bearer lux_not-a-token"))
            .andExpect(status().isPayloadTooLarge())
            .andExpect(content().string(Matchers.containsString("lux.api.max-json-body")));
    }

    @Test
    void aBodyUnderTheLimitGoesOnToAuthentication() throws Exception {
        mvc.perform(post("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\":\"a@example.com\"}")
            .header("Authorization", "Bearer lux_not-a-token")).andExpect(status().isUnauthorized());
    }

}
