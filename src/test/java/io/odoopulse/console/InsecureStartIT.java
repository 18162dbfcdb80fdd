package io.odoopulse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoopulse.OdooPulseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Secure by default: bound beyond loopback with nobody configured, the application does not start, and says why. */
@ExtendWith(OutputCaptureExtension.class)
class InsecureStartIT {

    @Test
    void startingOnEveryInterfaceWithoutUsersFailsWithAClearMessage(CapturedOutput output) {
        // Only the packaged defaults: the test accounts of classpath:/config/ are left out.
        assertThatThrownBy(() -> new SpringApplicationBuilder(OdooPulseApplication.class).run(
                "--spring.config.location=classpath:/application.yaml", "--server.address=0.0.0.0",
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:insecure-start;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
                "--camel.main.name=insecure-start"))
                .hasRootCauseInstanceOf(OperatorAccounts.InsecureStartException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("odoo-pulse listens on 0.0.0.0 (server.address) but no operator users or tokens are "
                        + "configured")
                .contains("PULSE_SECURITY_USERS_0_NAME");
    }
}
