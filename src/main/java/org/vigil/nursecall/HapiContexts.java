package org.vigil.nursecall;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/** The one way Vigil makes a HAPI context. */
final class HapiContexts {
    private HapiContexts() {}

    static HapiContext create() {
        // Messages are built from typed segments and read back leniently: HAPI's default rule checks add nothing here.
        HapiContext ctx = new DefaultHapiContext(ValidationContextFactory.noValidation());
        // HAPI's default id generator keeps a counter in ./id_file; ACK control ids need no persistence.
        ctx.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        return ctx;
    }
}
