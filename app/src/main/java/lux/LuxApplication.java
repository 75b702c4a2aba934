package lux;

import lux.launch.aot.AotStartDecision;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts LUX: the Teams bot, the console, the API, the public tracking routes and the
 * scheduler on one port.
 */
@SpringBootApplication
public class LuxApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LuxApplication.class);
        application.addListeners(new AotStartDecision(LuxApplication.class));
        application.run(args);
    }

}
