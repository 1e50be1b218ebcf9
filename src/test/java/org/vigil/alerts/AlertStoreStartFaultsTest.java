package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or locked alert database at start: a clear error naming the file, never a silent empty start. */
class AlertStoreStartFaultsTest {

    @Test
    void aCorruptFileIsAnErrorNamingItAndIsLeftAsItWas(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        byte[] junk = "this is not an SQLite database, it was overwritten by something else ".repeat(100).getBytes();
        Files.write(db, junk);
        assertThatThrownBy(() -> new AlertStore(db))
                .hasMessageContaining("cannot open the alert database " + db.toAbsolutePath())
                .hasMessageContaining("not a database");
        assertThat(Files.readAllBytes(db)).as("the evidence is not overwritten").isEqualTo(junk);
    }

    @Test
    void aDatabaseLockedByAnotherProcessIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        try (AlertStore s = new AlertStore(db)) {
            new AlertManager(s, Clock.systemUTC()).raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 0, Map.of(), "m", false);
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath()); Statement st = other.createStatement()) {
            st.execute("PRAGMA locking_mode=EXCLUSIVE");
            st.execute("BEGIN EXCLUSIVE");
            assertThatThrownBy(() -> new AlertStore(db).openAlerts())
                    .hasMessageContaining(db.getFileName().toString());
            st.execute("ROLLBACK");
        }
        try (AlertStore s = new AlertStore(db)) {
            assertThat(s.openAlerts()).as("nothing lost once the lock is gone").hasSize(1);
        }
    }
}
