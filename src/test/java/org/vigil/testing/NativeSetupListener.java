package org.vigil.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.vigil.nd.NativeSetup;

/** Picks ND4J's native build once, before any test class touches ND4J (as Main does for the app). */
public class NativeSetupListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeSetup.configure();
    }
}
