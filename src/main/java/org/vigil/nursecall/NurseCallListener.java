package org.vigil.nursecall;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small receiving Alert Manager (IHE PCD ACM "AM" actor) on HAPI's MLLP server: answers every
 * ORU^R40 with an ACK and hands each report on, once. A message whose control id was already
 * acknowledged (the sender retried after a lost ACK) is acknowledged again but not handed on.
 * For integrators (`nursecall listen`) and the tests.
 */
public final class NurseCallListener implements AutoCloseable {
    /** Remembered control ids for duplicate detection: far more than a link ever retries. */
    private static final int REMEMBERED = 10_000;

    /** What the listener saw: the report, or null with the raw text when it could not be read. */
    public record Received(ReceivedAlert alert, String hl7, boolean duplicate, String answer) {}

    private final HapiContext hapi = HapiContexts.create();
    private final HL7Service server;
    private final Set<String> seen = new LinkedHashSet<>();

    /**
     * @param answer decides the ACK code per report (AA normally; AE/AR to rehearse rejections)
     */
    public NurseCallListener(int port, Function<ReceivedAlert, AcknowledgmentCode> answer, Consumer<Received> out) {
        server = hapi.newServer(port, false);
        server.registerApplication("ORU", "R40", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message in, Map<String, Object> meta) throws HL7Exception {
                String hl7 = in.encode();
                ReceivedAlert a;
                try {
                    a = ReceivedAlert.parse(hl7);
                } catch (HL7Exception | RuntimeException e) {
                    out.accept(new Received(null, hl7, false, "AE"));
                    return ack(in, AcknowledgmentCode.AE, "cannot read the report: " + e.getMessage());
                }
                boolean duplicate;
                synchronized (seen) {
                    duplicate = !seen.add(a.controlId());
                    if (seen.size() > REMEMBERED) seen.remove(seen.iterator().next());
                }
                AcknowledgmentCode code = duplicate ? AcknowledgmentCode.AA : answer.apply(a);
                out.accept(new Received(a, hl7, duplicate, code.name()));
                if (code != AcknowledgmentCode.AA) {
                    synchronized (seen) {
                        seen.remove(a.controlId()); // not accepted: a resend is not a duplicate
                    }
                    return ack(in, code, "rejected by the test listener");
                }
                return ack(in, code, null);
            }

            @Override
            public boolean canProcess(Message m) {
                return true;
            }
        });
    }

    public NurseCallListener start() throws InterruptedException {
        server.startAndWait();
        return this;
    }

    private static Message ack(Message in, AcknowledgmentCode code, String why) throws HL7Exception {
        try {
            return why == null ? in.generateACK(code, null) : in.generateACK(code, new HL7Exception(why));
        } catch (IOException e) {
            throw new HL7Exception(e);
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
        try {
            hapi.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
