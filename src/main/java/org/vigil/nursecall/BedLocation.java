package org.vigil.nursecall;

/**
 * Where a Vigil bed is in the hospital's terms (PV1-3, HL7 PL: point of care ^ room ^ bed ^ facility)
 * and, optionally, who lies in it (PID-3 / PID-5). Null fields are left empty on the wire.
 *
 * @param patientName HL7 XPN as written, e.g. {@code Doe^Jane}
 */
public record BedLocation(String ward, String room, String bed, String facility, String patientId,
                          String patientAuthority, String patientName) {
    /** A bed with no mapping: only its Vigil name, as the bed component. */
    public static BedLocation unmapped(String vigilBed) {
        return new BedLocation(null, null, vigilBed, null, null, null, null);
    }
}
