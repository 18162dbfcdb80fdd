package io.odoopulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.odoopulse.support.HostileOdoo.Behaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fixture itself: whatever a call is stuck in, the server lets go when the client or the test does. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileOdooTest {

    private static final String CALL = "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"service\": "
            + "\"object\", \"method\": \"execute_kw\", \"args\": [\"db\", 2, \"pw\", \"sale.order\", \"search_read\"]}}";

    @Test
    void closingEndsACallStalledAfterItsHeadersAtOnce() throws Exception {
        HostileOdoo odoo = HostileOdoo.start("http://127.0.0.1:1");
        odoo.behaviour(Behaviour.stallAfterHeaders());
        try (Socket client = post(odoo, CALL)) {
            InputStream in = client.getInputStream();
            assertThat(head(in)).startsWith("HTTP/1.1 200 OK").contains("Transfer-Encoding: chunked");

            long start = System.nanoTime();
            odoo.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
            assertThat(odoo.openConnections()).isZero();
        }
    }

    @Test
    void anEndlessBodyStopsWhenTheClientHangsUp() throws Exception {
        try (HostileOdoo odoo = HostileOdoo.start("http://127.0.0.1:1")) {
            odoo.behaviour(Behaviour.endlessBody());
            try (Socket client = post(odoo, CALL)) {
                InputStream in = client.getInputStream();
                head(in);
                assertThat(in.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
            }

            assertThat(odoo.awaitNoOpenConnections(Duration.ofSeconds(5))).isTrue();
            assertThat(odoo.calls("sale.order")).isEqualTo(1);
        }
    }

    @Test
    void aBehaviourForOneModelLeavesCallsForOthersToTheUpstream() throws Exception {
        // The upstream is a closed port: a forwarded call is answered 502, a misbehaving one 200.
        try (HostileOdoo odoo = HostileOdoo.start("http://127.0.0.1:1")) {
            odoo.behaviour(Behaviour.hugeBody(1000).onlyFor("sale.order"));

            try (Socket partners = post(odoo, CALL.replace("sale.order", "res.partner"));
                 Socket orders = post(odoo, CALL)) {
                assertThat(head(partners.getInputStream())).startsWith("HTTP/1.1 502");
                assertThat(head(orders.getInputStream())).startsWith("HTTP/1.1 200");
            }
            assertThat(odoo.calls()).isEqualTo(2);
            assertThat(odoo.calls("res.partner")).isEqualTo(1);
        }
    }

    private static Socket post(HostileOdoo odoo, String body) throws IOException {
        URI url = URI.create(odoo.url());
        Socket socket = new Socket(url.getHost(), url.getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /jsonrpc HTTP/1.1\r\nHost: " + url.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
