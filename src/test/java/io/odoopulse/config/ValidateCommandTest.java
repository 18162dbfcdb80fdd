package io.odoopulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code validate} on a corpus of broken bundles and mapping files (src/test/resources/validate-corpus): every
 * problem is one line naming file, line and column; the exit status tells CI whether to deploy. ValidateCommandIT
 * runs the same corpus through the built jar.
 */
class ValidateCommandTest {

    static final String CORPUS = "src/test/resources/validate-corpus/";

    /** What validate prints for the corpus, one problem a line, in file order. */
    static final List<String> CORPUS_PROBLEMS = List.of(
            CORPUS + "mappings/odoo-20.yaml:2:10: extends: no mapping file 'odoo-91.yaml' beside this one ("
                    + CORPUS + "mappings/odoo-91.yaml)",
            CORPUS + "bundles/bad-cron.yaml:8:9: key 'schedule.cron': 'every five minutes' is not a Quartz cron "
                    + "expression (seconds minutes hours day-of-month month day-of-week, e.g. 0 0/5 * * * ?): "
                    + "Illegal characters for this position: 'EVE'",
            CORPUS + "bundles/bad-indentation.yaml:5:9: not valid YAML: mapping values are not allowed here",
            CORPUS + "bundles/custom-channel/overrides.yaml:4:7: missing required key "
                    + "'models.sale.order.fields.channel.from'",
            CORPUS + "bundles/custom-channel/overrides.yaml:4:18: unknown key 'form' in "
                    + "'models.sale.order.fields.channel' (allowed: default, from, map, required, type)",
            CORPUS + "bundles/missing-secret.yaml:6:13: key 'odoo.password': Could not resolve placeholder "
                    + "'CORPUS_SHOP_API_KEY_NEVER_SET' in value \"${CORPUS_SHOP_API_KEY_NEVER_SET}\" (set it in the "
                    + "environment or application.yaml)",
            CORPUS + "bundles/unknown-canonical-field/overrides.yaml:4:7: models.sale.order.fields.salesChannel: "
                    + "unknown canonical field 'salesChannel' of Order (known: [name, status, orderedAt, currency, "
                    + "companyId, company, customerId, amountUntaxed, amountTax, amountTotal, updatedAt, channel, websiteId, website, utmCampaign, utmMedium, utmSource, invoiceStatus])",
            CORPUS + "bundles/unknown-key.yaml:8:3: unknown key 'pagesize' in 'pull' (allowed: audit-every, "
                    + "max-concurrent-calls, models, overlap-seconds, page-size, reconcile-confirm-after, "
                    + "reconcile-every, reconcile-max-drop-rows, reconcile-max-drop-share)",
            CORPUS + "bundles/unmapped-model.yaml:8:11: key 'pull.models': 'purchase.order' is not mapped in "
                    + "odoo-16.yaml, odoo-17.yaml, odoo-18.yaml, odoo-19.yaml",
            CORPUS + "bundles/wrong-type.yaml:8:14: key 'pull.page-size': 'lots' is not a whole number",
            CORPUS + "bundles/wrong-type.yaml:9:25: key 'pull.max-concurrent-calls': 40 is outside 1..16",
            "9 bundles and 5 mapping files checked: 10 problems");

    @Test
    void everyProblemOfTheCorpusIsOneLineNamingFileLineAndColumnAndTheStatusIsOne() {
        Run run = validate("--mappings", CORPUS + "mappings", CORPUS + "bundles");

        assertThat(run.status).isEqualTo(ValidateCommand.PROBLEMS);
        assertThat(run.out.lines().toList()).isEqualTo(CORPUS_PROBLEMS);
    }

    @Test
    void theShippedBundleAndMappingFilesAreValid() {
        Run run = validate("config/tenants");

        assertThat(run.out.lines().toList()).containsExactly("1 bundle and 4 mapping files checked: no problems");
        assertThat(run.status).isEqualTo(ValidateCommand.VALID);
    }

    @Test
    void aGoodBundleAloneIsValid() {
        Run run = validate(CORPUS + "bundles/good.yaml");

        assertThat(run.status).isEqualTo(ValidateCommand.VALID);
        assertThat(run.out).isEqualTo("1 bundle and 4 mapping files checked: no problems\n");
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Run run = validate("no/such/dir");

        assertThat(run.status).isEqualTo(ValidateCommand.USAGE);
        assertThat(run.err).startsWith("validate: no such file or directory: no/such/dir");
    }

    private static Run validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ValidateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
