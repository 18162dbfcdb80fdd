package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** XML-RPC as real Odoo 17 wrote it (recorded exchanges), read into the same trees JSON-RPC gives. */
class XmlRpcCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordedSearchReadDecodesToTheSameRecordsAsOverJsonRpc() throws IOException {
        JsonNode xml = XmlRpcCodec.decodeResponse(responseBody("xmlrpc-object-search_read-sale.order.json"));

        JsonNode first = xml.get(0);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(first.path("name").asText()).startsWith("S");
        assertThat(first.path("currency_id").isArray()).isTrue();
        assertThat(first.path("currency_id").get(1).asText()).isIn("USD", "EUR");
        assertThat(first.path("amount_total").isBigDecimal()).isTrue();
        assertThat(first.path("write_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void falseStaysFalseAsOdooSendsItForEmptyFields() throws IOException {
        JsonNode products = XmlRpcCodec.decodeResponse(responseBody("xmlrpc-object-search_read-product.product.json"));

        assertThat(products.findValues("default_code")).anySatisfy(v -> assertThat(v.isBoolean()).isTrue());
    }

    @Test
    void aFaultWithAnIntegerCodeIsRaisedWithCodeAndString() throws IOException {
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(responseBody("xmlrpc-error-wrong-password.json")))
                .isInstanceOf(XmlRpcCodec.Fault.class)
                .hasMessage("Access Denied")
                .satisfies(e -> assertThat(((XmlRpcCodec.Fault) e).code()).isEqualTo("3"));
    }

    @Test
    void aLegacyFaultWithAStringCodeIsRaisedToo() throws IOException {
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(responseBody("xmlrpc-legacy-v1-wrong-password.json")))
                .isInstanceOf(XmlRpcCodec.Fault.class)
                .satisfies(e -> assertThat(((XmlRpcCodec.Fault) e).code()).isEqualTo("AccessDenied"));
    }

    @Test
    void aCutBodyIsNotMistakenForAnAnswer() throws IOException {
        byte[] body = responseBody("xmlrpc-object-search_read-sale.order.json");
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);

        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(cut)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallEncodesNestedDomainsKeywordsAndEscapesText() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", List.of("name"));
        kwargs.put("limit", 5);
        kwargs.put("context", Map.of("active_test", false));
        String xml = new String(XmlRpcCodec.encodeCall("execute_kw", List.of("db", 2, "p<&>w", "sale.order",
                "search_read", List.of(List.of(List.of("amount_total", ">", new BigDecimal("10.50")))), kwargs)),
                StandardCharsets.UTF_8);

        assertThat(xml).contains("<methodName>execute_kw</methodName>", "<string>p&lt;&amp;&gt;w</string>",
                "<int>2</int>", "<double>10.50</double>", "<boolean>0</boolean>", "<name>limit</name>");
    }

    private static byte[] responseBody(String recording) throws IOException {
        try (InputStream in = XmlRpcCodecTest.class.getResourceAsStream("/odoo-contract/17.0/" + recording)) {
            return JSON.readTree(in).path("response_body").asText().getBytes(StandardCharsets.UTF_8);
        }
    }
}
