package org.vigil.nursecall;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.ActiveConnection;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The MLLP connection to the Alert Manager, on HAPI's {@link ActiveConnection}. Owned by the sender
 * thread only. Opens the socket itself (connect timeout, optional TLS with the JVM's trust store)
 * rather than through HAPI's shared connection hub, so a broken link is simply closed and reopened.
 */
final class MllpLink implements AutoCloseable {
    private final NurseCallConfig config;
    private final HapiContext hapi = HapiContexts.create();
    private ActiveConnection connection;

    MllpLink(NurseCallConfig config) {
        this.config = config;
    }

    /**
     * Sends one message and waits for its ACK. Throws IOException when the message may not have
     * arrived (no connection, broken connection, no ACK in time): the caller sends it again.
     */
    Ack send(String hl7) throws IOException {
        try {
            if (connection == null || !connection.isOpen()) connect();
            Message msg = hapi.getPipeParser().parse(hl7);
            var initiator = connection.getInitiator();
            initiator.setTimeoutMillis((int) config.ackTimeout().toMillis());
            Message ack = initiator.sendAndReceive(msg);
            Terser t = new Terser(ack);
            String code = t.get("/MSA-1");
            // The reason: user message, else the error code's original text (where HAPI puts it), else its name.
            String text = first(t.get("/ERR-8"), t.get("/ERR-3-9"), t.get("/MSA-3"), t.get("/ERR-3-2"), t.get("/ERR-3-1"));
            return new Ack(code == null ? "" : code, text);
        } catch (HL7Exception | LLPException | IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private void connect() throws IOException, LLPException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(config.host(), config.port()), (int) config.connectTimeout().toMillis());
            if (config.tls()) {
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(s, config.host(), config.port(), true);
                tls.startHandshake();
                s = tls;
            }
            connection = new ActiveConnection(hapi.getPipeParser(), new MinLowerLayerProtocol(), s, hapi.getExecutorService());
            connection.activate();
        } catch (IOException | LLPException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static String first(String... s) {
        for (String x : s) if (x != null && !x.isBlank()) return x;
        return null;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Closes the link and HAPI's threads. */
    void shutdown() {
        close();
        try {
            hapi.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
