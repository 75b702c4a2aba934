package lux.architecture;

import lux.LuxApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {
    static final ApplicationModules MODULES = ApplicationModules.of(LuxApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.forEach(System.out::println);
        MODULES.verify();
    }
}
