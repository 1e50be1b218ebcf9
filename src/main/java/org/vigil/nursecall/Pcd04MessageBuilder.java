package org.vigil.nursecall;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.datatype.ST;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.model.v26.segment.OBR;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.model.v26.segment.PID;
import ca.uhn.hl7v2.model.v26.segment.PV1;
import ca.uhn.hl7v2.parser.PipeParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders an {@link AlertReport} as an IHE PCD-04 "Report Alert" message, ORU^R40 in HL7 v2.6.
 *
 * <p>HAPI v2.6 has no ORU_R40 structure; its ORU_R01 has the same segments in the same order for a
 * single alert (MSH, PID, PV1, OBR, OBX...), so the message is built with HAPI's typed v2.6 segments
 * and MSH-9 says ORU^R40^ORU_R40. Receivers parse it as a generic v2.6 message; {@link ReceivedAlert}
 * reads it back with the same structure. Deterministic: the same report and control id give the
 * same bytes, so a retried message is the one the receiver may already have seen.
 */
public final class Pcd04MessageBuilder {
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);
    private static final String EUI64 = "EUI-64";
    private final NurseCallConfig config;
    private final PipeParser parser = PipeParser.getInstanceWithNoValidation();

    public Pcd04MessageBuilder(NurseCallConfig config) {
        this.config = config;
    }

    /** The encoded message (segments separated by CR), MSH-10 = {@code controlId}. */
    public String build(AlertReport r, String controlId) {
        try {
            ORU_R01 m = new ORU_R01();
            m.setParser(parser);
            header(m.getMSH(), r, controlId);
            var patient = m.getPATIENT_RESULT().getPATIENT();
            BedLocation loc = config.location(r.bed());
            patient(patient.getPID(), loc);
            visit(patient.getVISIT().getPV1(), loc);
            var order = m.getPATIENT_RESULT().getORDER_OBSERVATION();
            order(order.getOBR(), r);
            Pcd04Codes c = config.codes();
            int i = 0;
            // The alert's identity carries the readable text and the time; the attributes follow (IHE ACM order).
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.event(r.kind()), r.message() == null ? r.kind() : r.message(), r.at());
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.source(), source(r), null);
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.phase(), r.phase().wire(), null);
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.state(), r.alarmState(), null);
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.inactivation(), r.inactivation(), null);
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.priority(), r.priorityCode(), null);
            obx(m, order.getOBSERVATION(i++).getOBX(), i, c.type(), r.typeCode(), null);
            return m.encode();
        } catch (HL7Exception e) {
            // Only a programming error gets here: every value is plain text set through typed fields.
            throw new IllegalStateException("cannot build the ORU^R40 for alert " + r.alertId() + ": " + e.getMessage(), e);
        }
    }

    private void header(MSH msh, AlertReport r, String controlId) throws DataTypeException {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue(config.application());
        if (config.deviceId() != null) {
            msh.getSendingApplication().getUniversalID().setValue(config.deviceId());
            msh.getSendingApplication().getUniversalIDType().setValue(EUI64);
        }
        if (config.facility() != null) msh.getSendingFacility().getNamespaceID().setValue(config.facility());
        if (config.receivingApplication() != null) msh.getReceivingApplication().getNamespaceID().setValue(config.receivingApplication());
        if (config.receivingFacility() != null) msh.getReceivingFacility().getNamespaceID().setValue(config.receivingFacility());
        msh.getDateTimeOfMessage().setValue(time(r.at()));
        msh.getMessageType().getMessageCode().setValue("ORU");
        msh.getMessageType().getTriggerEvent().setValue("R40");
        msh.getMessageType().getMessageStructure().setValue("ORU_R40");
        msh.getMessageControlID().setValue(controlId);
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.6");
        // IHE PCD: the Alert Manager answers every message with an accept ACK; no application ACK.
        msh.getAcceptAcknowledgmentType().setValue("AL");
        msh.getApplicationAcknowledgmentType().setValue("NE");
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
        String[] p = config.codes().profile().split("\\^", -1);
        var profile = msh.getMessageProfileIdentifier(0);
        profile.getEntityIdentifier().setValue(p[0]);
        if (p.length > 1) profile.getNamespaceID().setValue(p[1]);
        if (p.length > 2) profile.getUniversalID().setValue(p[2]);
        if (p.length > 3) profile.getUniversalIDType().setValue(p[3]);
    }

    private static void patient(PID pid, BedLocation loc) throws HL7Exception {
        pid.getSetIDPID().setValue("1"); // keeps the (required) PID present when no patient is mapped
        if (loc.patientId() != null) {
            var cx = pid.getPatientIdentifierList(0);
            cx.getIDNumber().setValue(loc.patientId());
            if (loc.patientAuthority() != null) cx.getAssigningAuthority().getNamespaceID().setValue(loc.patientAuthority());
            cx.getIdentifierTypeCode().setValue("MR");
        }
        if (loc.patientName() != null) {
            String[] n = loc.patientName().split("\\^", -1);
            var xpn = pid.getPatientName(0);
            xpn.getFamilyName().getSurname().setValue(n[0]);
            if (n.length > 1) xpn.getGivenName().setValue(n[1]);
            xpn.getNameTypeCode().setValue("L");
        }
    }

    private static void visit(PV1 pv1, BedLocation loc) throws HL7Exception {
        pv1.getPatientClass().setValue("I");
        var pl = pv1.getAssignedPatientLocation();
        if (loc.ward() != null) pl.getPointOfCare().setValue(loc.ward());
        if (loc.room() != null) pl.getRoom().setValue(loc.room());
        if (loc.bed() != null) pl.getBed().setValue(loc.bed());
        if (loc.facility() != null) pl.getFacility().getNamespaceID().setValue(loc.facility());
    }

    private void order(OBR obr, AlertReport r) throws HL7Exception {
        obr.getSetIDOBR().setValue("1");
        // The alert's identity across its phases: the Alert Manager ties start, continue and end by it.
        var id = obr.getFillerOrderNumber();
        id.getEntityIdentifier().setValue(r.alertId());
        id.getNamespaceID().setValue(config.application());
        if (config.deviceId() != null) {
            id.getUniversalID().setValue(config.deviceId());
            id.getUniversalIDType().setValue(EUI64);
        }
        code(obr.getUniversalServiceIdentifier(), config.codes().alarm());
        obr.getObservationDateTime().setValue(time(r.at()));
    }

    private static void obx(ORU_R01 m, OBX obx, int setId, HL7Code code, String value, Instant at) throws HL7Exception {
        obx.getSetIDOBX().setValue(String.valueOf(setId));
        obx.getValueType().setValue("ST");
        code(obx.getObservationIdentifier(), code);
        // MDS.VMD.channel.metric.facet: Vigil is one device with one alert channel; the facet numbers the rows.
        obx.getObservationSubID().setValue("1.0.0.0." + setId);
        ST st = new ST(m);
        st.setValue(value);
        obx.getObservationValue(0).setData(st);
        obx.getObservationResultStatus().setValue("F");
        if (at != null) obx.getDateTimeOfTheObservation().setValue(time(at));
    }

    private String source(AlertReport r) {
        return config.application() + " " + r.bed();
    }

    private static void code(CWE cwe, HL7Code c) throws DataTypeException {
        cwe.getIdentifier().setValue(c.identifier());
        cwe.getText().setValue(c.text());
        cwe.getNameOfCodingSystem().setValue(c.system());
    }

    static String time(Instant at) {
        return HL7_TIME.format(at);
    }
}
