package org.vigil.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.detect.FaceBox;

class PatientSelectorTest {
    static FaceBox box(int x, int y, int s) {
        return new FaceBox(x, y, s, s, 0.9f, null, -1);
    }

    @Test
    void identitiesSurviveMovementAndShortOcclusion() {
        FaceTracker tr = new FaceTracker();
        List<FaceBox> a = tr.update(List.of(box(100, 100, 80), box(400, 100, 60)), 0.0);
        int patient = a.get(0).trackId(), other = a.get(1).trackId();
        assertThat(patient).isNotEqualTo(other);
        // both move a little; order of detections swapped
        List<FaceBox> b = tr.update(List.of(box(410, 104, 60), box(108, 102, 80)), 0.04);
        assertThat(b.get(1).trackId()).isEqualTo(patient);
        assertThat(b.get(0).trackId()).isEqualTo(other);
        // patient hidden for 0.5 s (hand over face), then back: same identity
        tr.update(List.of(box(420, 104, 60)), 0.3);
        List<FaceBox> c = tr.update(List.of(box(112, 100, 80), box(425, 104, 60)), 0.6);
        assertThat(c.get(0).trackId()).isEqualTo(patient);
        // gone for longer than the forget time: a new identity
        tr.update(List.of(), 1.0);
        List<FaceBox> d = tr.update(List.of(box(112, 100, 80)), 2.0);
        assertThat(d.get(0).trackId()).isNotIn(patient, other);
    }

    @Test
    void thePatientIsTheLargestSteadyFaceAndKeepsTheRoleWhenStaffLeanIn() {
        FaceTracker tr = new FaceTracker();
        PatientSelector sel = new PatientSelector(null, 0.3);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            double t = i * 0.1;
            tr.update(List.of(box(300, 200, 100)), t);
            FaceBox p = sel.select(tr, t, 1280, 720);
            chosen.add(p == null ? -1 : p.trackId());
        }
        assertThat(chosen.subList(0, 3)).containsOnly(-1); // not steady yet: nobody
        int patientId = chosen.get(10);
        assertThat(patientId).isPositive();
        // a nurse leans in with a larger face for 2 s: the patient stays the patient
        for (int i = 11; i <= 30; i++) {
            double t = i * 0.1;
            tr.update(List.of(box(300, 200, 100), box(700, 100, 180)), t);
            assertThat(sel.select(tr, t, 1280, 720).trackId()).isEqualTo(patientId);
        }
    }

    @Test
    void facesOutsideTheBedRegionNeverBecomeThePatient() {
        FaceTracker tr = new FaceTracker();
        // bed on the left half; a visitor stands steadily on the right
        PatientSelector sel = new PatientSelector(BedRegion.parse("0,0,0.5,1"), 0.3);
        FaceBox last = null;
        for (int i = 0; i <= 20; i++) {
            tr.update(List.of(box(900, 200, 150)), i * 0.1);
            last = sel.select(tr, i * 0.1, 1280, 720);
            assertThat(last).isNull();
        }
        for (int i = 21; i <= 30; i++) {
            tr.update(List.of(box(900, 200, 150), box(200, 300, 80)), i * 0.1);
            last = sel.select(tr, i * 0.1, 1280, 720);
        }
        assertThat(last).isNotNull();
        assertThat(last.x()).isEqualTo(200);
    }

    @Test
    void badRegionsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> BedRegion.parse("0.5,0.5,0.7,0.2")).hasMessageContaining("x+w <= 1");
        assertThatThrownBy(() -> BedRegion.parse("0.5,0.5")).hasMessageContaining("x,y,w,h");
        assertThatThrownBy(() -> BedRegion.parse("a,b,c,d")).hasMessageContaining("a,b,c,d");
    }
}
