package lux.launch;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The training run of a class-data archive (run.sh, docs/deployment.md "Faster start"):
 * with {@code lux.training-run=true} LUX asks its own /actuator/health once it is ready
 * and exits. Spring's {@code -Dspring.context.exit=onRefresh} stops earlier, before the
 * deferred JPA repositories, Tomcat and the first answer, so an archive made with it
 * missed the classes of the last part of every start.
 */
@Component
class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    /**
     * Read at run time, not a bean condition: the training run must take the same road
     * (the bean definitions made ahead of time) as the starts its archive serves.
     */
    private final boolean training;

    TrainingRun(@Value("${lux.training-run:false}") boolean training) {
        this.training = training;
    }

    @EventListener
    void exitOnceAnswered(ApplicationReadyEvent ready) {
        if (!this.training) {
            return;
        }
        ConfigurableApplicationContext context = ready.getApplicationContext();
        if (context instanceof WebServerApplicationContext web) {
            askHealth(web.getWebServer().getPort());
        }
        log.info("Training run finished, exiting");
        System.exit(SpringApplication.exit(context));
    }

    private static void askHealth(int port) {
        URI health = URI
            .create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + "/actuator/health");
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
            log.info("Training run: {} answered {}", health, answer.statusCode());
        }
        catch (java.io.IOException e) {
            // the archive is still made, only without the classes of the first answer
            log.warn("Training run: {} did not answer: {}", health, e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
