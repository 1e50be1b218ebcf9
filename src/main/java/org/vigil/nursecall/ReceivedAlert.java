package org.vigil.nursecall;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.PipeParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PCD-04 report as an Alert Manager reads it: parsed with HAPI's v2.6 segments (the ORU_R01
 * structure has the ORU^R40 single-alert layout). Attribute rows are keyed by their OBX-3 code, so
 * a reader checks the codes the sender was configured with.
 *
 * @param location   PV1-3 as written (ward^room^bed^facility)
 * @param event      OBX-3 of the identity row; {@code text} its OBX-5
 * @param attributes OBX-3 code (identifier^text^system) -> OBX-5, for every row after the identity
 */
public record ReceivedAlert(String controlId, String messageType, String profile, String sendingApplication,
                            String patientId, String location, String alertId, HL7Code alarm, HL7Code event, String text,
                            Map<String, String> attributes) {
    public ReceivedAlert {
        attributes = Map.copyOf(attributes);
    }

    public static ReceivedAlert parse(String hl7) throws HL7Exception {
        ORU_R01 m = new ORU_R01();
        m.setParser(PipeParser.getInstanceWithNoValidation());
        m.parse(hl7);
        var msh = m.getMSH();
        var patient = m.getPATIENT_RESULT().getPATIENT();
        var order = m.getPATIENT_RESULT().getORDER_OBSERVATION();
        Map<String, String> attrs = new LinkedHashMap<>();
        HL7Code event = null;
        String text = null;
        for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
            OBX obx = order.getOBSERVATION(i).getOBX();
            HL7Code c = code(obx.getObservationIdentifier());
            String v = obx.getObservationValue(0).getData().encode();
            if (i == 0) {
                event = c;
                text = v;
            } else {
                attrs.put(c.toString(), v);
            }
        }
        return new ReceivedAlert(msh.getMessageControlID().getValue(),
                msh.getMessageType().encode(), msh.getMessageProfileIdentifier(0).encode(),
                msh.getSendingApplication().encode(), patient.getPID().getPatientIdentifierList(0).getIDNumber().getValue(),
                patient.getVISIT().getPV1().getAssignedPatientLocation().encode(),
                order.getOBR().getFillerOrderNumber().getEntityIdentifier().getValue(),
                code(order.getOBR().getUniversalServiceIdentifier()), event, text, attrs);
    }

    /** The value of the attribute row with this code, or null. */
    public String attribute(HL7Code code) {
        return attributes.get(code.toString());
    }

    public AlertPhase phase(Pcd04Codes codes) {
        return AlertPhase.ofWire(attribute(codes.phase()));
    }

    /** One readable line: what an integrator watching the listener wants to see. */
    public String line(Pcd04Codes codes) {
        return String.format("%s %s alert=%s at=%s patient=%s %s phase=%s state=%s inactivation=%s priority=%s type=%s source=\"%s\": %s",
                messageType, controlId, alertId, location, patientId == null ? "-" : patientId,
                event == null ? "?" : event.identifier(),
                attribute(codes.phase()), attribute(codes.state()), attribute(codes.inactivation()),
                attribute(codes.priority()), attribute(codes.type()), attribute(codes.source()), text);
    }

    private static HL7Code code(CWE c) {
        String id = c.getIdentifier().getValue(), sys = c.getNameOfCodingSystem().getValue();
        if (id == null || sys == null) return new HL7Code(id == null ? "?" : id, c.getText().getValue(), sys == null ? "?" : sys);
        return new HL7Code(id, c.getText().getValue(), sys);
    }
}
