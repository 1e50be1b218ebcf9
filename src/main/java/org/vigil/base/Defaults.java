package org.vigil.base;

import java.nio.file.Path;

/**
 * Every default Vigil starts with, in one file: the model, the rules folder, the alert database, bed
 * names, the face detector, the monitoring pipeline's settings and the command-line output. Help texts
 * quote the {@code *_TEXT} constants, so {@code --help} shows the values the code really uses.
 * {@code org.vigil.app.Settings} starts from these; lower layers read them where they need a default.
 */
public final class Defaults {
    private Defaults() {}

    // --- model -------------------------------------------------------------------------------
    /**
     * Vigil's ward model, relative to the working directory: the 4-class FER+ ResNet, chosen by alarm
     * quality (models/vigil-ferplus4-resnet.md).
     */
    public static final String MODEL_TEXT = "models/vigil-ferplus4-resnet.vigil";
    public static final Path MODEL = Path.of(MODEL_TEXT);
    /** How often a running Vigil looks whether its model file was replaced on disk (it says so; it never reloads). */
    public static final double MODEL_WATCH_S = 10;
    /** The client's Keras reference model, relative to the shared-data folder ({@link SharedData}). */
    public static final String REFERENCE_MODEL = "models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5";

    /** The Keras reference model in the shared-data folder (it may not exist). */
    public static Path referenceModel() {
        return SharedData.root().resolve(REFERENCE_MODEL);
    }

    // --- alerts ------------------------------------------------------------------------------
    /** The alert rules folder. */
    public static final String RULES_TEXT = "alerts-config";
    public static final Path RULES = Path.of(RULES_TEXT);
    /** The durable alert log (SQLite). */
    public static final String ALERTS_DB_TEXT = "var/alerts.db";
    public static final Path ALERTS_DB = Path.of(ALERTS_DB_TEXT);
    /** What an option naming a file takes to mean "no file" (alerts in memory, no JSON file). */
    public static final String NONE = "none";

    /**
     * The alert database to open: as given ({@value #NONE} = memory only, returns null); by default
     * {@link #ALERTS_DB} when a bed watches a camera or stream, memory only when every bed is a file
     * (re-analysing a recording must not find its old alerts open).
     */
    public static Path alertsDb(String given, boolean anyLiveSource) {
        if (given != null) return NONE.equalsIgnoreCase(given) ? null : Path.of(given);
        return anyLiveSource ? ALERTS_DB : null;
    }

    /**
     * Frequent-alert pattern (rules.yaml 'frequent'): more than this many distress alerts for one bed...
     * (sitter guidance: a patient with more than 3 alerts in 30 minutes needs a 1:1 sitter).
     */
    public static final int FREQUENT_MORE_THAN = 3;
    /** ...raised within this many seconds raise one "frequent distress" alert. */
    public static final double FREQUENT_WITHIN_S = 30 * 60;

    // --- beds --------------------------------------------------------------------------------
    /** The id of the i-th bed (0-based) when none is named: bed-1, bed-2, ... */
    public static String bedId(int index) {
        return "bed-" + (index + 1);
    }

    /** How a bed id is shown to people: bed-3 reads "Bed 3"; names someone chose stay as they are. */
    public static String bedLabel(String bedId) {
        if (bedId != null && bedId.matches("bed-\\d+")) return "Bed " + bedId.substring(4);
        return bedId;
    }

    /** The source of the dashboard's only bed when none is given. */
    public static final String DEFAULT_CAMERA = "camera:0";

    // --- face detector -----------------------------------------------------------------------
    public static final String HAAR = "haar";
    public static final String YUNET = "yunet";
    /** Where YuNet is looked for first (relative to the shared-data folder); then models/yunet/*.onnx. */
    public static final String SHARED_YUNET = "models/yunet/face_detection_yunet_2026may.onnx";
    /** The detector when --detector is not given. */
    public static final String DETECTOR_TEXT = "yunet when its model is found, else haar";
    /** Detection image longest side in pixels (0 = full frame, auto = as small as 40 px faces allow). */
    public static final int DETECT_MAX_SIDE = 640;
    public static final String DETECT_MAX_SIDE_TEXT = "640";

    // --- monitoring pipeline -----------------------------------------------------------------
    public static final double CLASSIFY_FPS = 5.0;
    public static final String CLASSIFY_FPS_TEXT = "5";
    public static final double SMOOTHING_S = 1.5;
    public static final String SMOOTHING_S_TEXT = "1.5";
    /** A face lost for less than this keeps the last estimate. */
    public static final double GRACE_S = 1.0;
    /** Patient faces smaller than this (px, shorter side) cannot be assessed. */
    public static final int MIN_FACE_PX = 40;
    /** Mean grey level of the face below which the light is too low. */
    public static final double MIN_BRIGHTNESS = 40;
    /** Smoothed top class probability below which the estimate is too unsure. */
    public static final double MIN_TOP_SCORE = 0.3;
    /** Smoothed distress (angry + sad) from which a bed shows DISTRESS_BUILDING. */
    public static final double BUILDING_LEVEL = 0.4;
    /** A face must be tracked this long before it can become the patient. */
    public static final double STEADY_S = 0.3;
    /** Frames per second sent to frame listeners (0: none). */
    public static final double FRAME_SNAPSHOT_FPS = 5;
    /** Frames per second the dashboard's live views get. */
    public static final double DASHBOARD_SNAPSHOT_FPS = 12;
    /** Reconnect attempts for a lost camera or stream before giving up (-1: never give up). */
    public static final int MAX_RECONNECTS = -1;
    public static final String MAX_RECONNECTS_TEXT = "-1";

    // --- metrics (Prometheus /metrics; off unless --metrics is given) ---------------------------
    /** The address the metrics endpoint binds to when --metrics names only a port: this machine only. */
    public static final String METRICS_HOST = "127.0.0.1";
    /** The port of a bare --metrics (9464: the port Prometheus exporters of OpenTelemetry use). */
    public static final int METRICS_PORT = 9464;
    public static final String METRICS_PORT_TEXT = "9464";
    /** The HTTP path Prometheus scrapes. */
    public static final String METRICS_PATH = "/metrics";

    // --- monitor output ----------------------------------------------------------------------
    public static final String MONITOR_OUT_TEXT = "runs/monitor.jsonl";
    public static final double STATUS_EVERY_S = 1;
    public static final String STATUS_EVERY_S_TEXT = "1";

    // --- ward over MQTT (org.vigil.ward) ------------------------------------------------------
    /** MQTT keep-alive of edges: the broker notices a dead edge after 1.5 of these (15 s), then sends its Last Will. */
    public static final int WARD_KEEP_ALIVE_S = 10;
    public static final String WARD_KEEP_ALIVE_S_TEXT = "10";
    /** Site and ward names in the topics vigil/{site}/{ward}/... when not given. */
    public static final String WARD_SITE = "site";
    public static final String WARD_NAME = "ward";
    /** Where the central station's embedded broker listens (loopback: nothing reachable from outside). */
    public static final String WARD_LISTEN_TEXT = "127.0.0.1:1883";
    /** The central station's alert database. */
    public static final java.nio.file.Path WARD_CENTRAL_DB = java.nio.file.Path.of("var", "central-alerts.db");
    public static final String WARD_CENTRAL_DB_TEXT = "var/central-alerts.db";
    /** An edge's own state (alert database, outbox, received config): var/edge-{id}. */
    public static final String WARD_EDGE_STATE_TEXT = "var/edge-<id>";
    /** MQTT session expiry of edges and central: queued QoS 1 messages wait this long for a client that is away. */
    public static final long WARD_SESSION_EXPIRY_S = 24 * 3600;
    /** Alert messages expire after a day in a broker queue; bed states after a minute (a stale bed must not look calm). */
    public static final long WARD_ALERT_EXPIRY_S = 24 * 3600;
    public static final long WARD_BED_EXPIRY_S = 60;
    /** An alert message the central has not confirmed is sent again after this long. */
    public static final double WARD_RESEND_S = 5;
    /** Bed state messages per bed at most this often, unless the state changes. */
    public static final double WARD_BED_EVERY_S = 1;
    /** A nurse station shows a bed as offline when its edge has sent no state for this long (a stalled or silent box). */
    public static final long WARD_BED_STALE_S = 10;
    /** The central station looks for due escalations of unwatched beds' alerts this often (escalation steps are whole seconds or more). */
    public static final double WARD_ESCALATION_TICK_S = 1;
    /** After the central connects, edges have this long to claim the beds with open alerts (they retry every 2 s at most). */
    public static final long WARD_CLAIM_GRACE_S = 2L * WARD_KEEP_ALIVE_S;

    // --- bounded storage (a box left running for weeks) -----------------------------------------
    /** Closed (resolved) alerts and their audit trail are kept this many days, then pruned and the file compacted. */
    public static final int KEEP_CLOSED_ALERTS_DAYS = 90;
    /**
     * Each bed's recorded scores (at most one row per bed per {@link #SCORE_HISTORY_EVERY_S} s: probabilities and
     * assessability, never an image) are kept this many days: what override suggestions replay.
     */
    public static final int KEEP_SCORE_HISTORY_DAYS = 3;
    /** One recorded score row per bed per this many seconds of stream time, at most. */
    public static final double SCORE_HISTORY_EVERY_S = 1;

    // --- override suggestions (learn from the ward) ------------------------------------------
    /** A bed is looked at over its last this many judged (confirmed or false) distress alerts... */
    public static final int SUGGEST_LAST_ALERTS = 10;
    /** ...and gets a suggestion when the share of false alarms among them is above this... */
    public static final double SUGGEST_FALSE_SHARE_ABOVE = 0.5;
    /** ...provided at least this many of them were judged (two false answers are no pattern). */
    public static final int SUGGEST_MIN_JUDGED = 3;
    /** The JSON-lines file starts a new part when it reaches this size... */
    public static final long JSONL_MAX_FILE_MB = 100;
    /** ...or when it is a day old; parts older than this many days are deleted... */
    public static final int JSONL_KEEP_DAYS = 30;
    /** ...and the oldest parts go first when all of them together pass this size. */
    public static final long JSONL_TOTAL_CAP_MB = 2_000;
    /** Environment variable (or system property vigil.logDir) naming a folder for rolling log files; unset: stderr only. */
    public static final String LOG_DIR_ENV = "VIGIL_LOG_DIR";
    /** Log files roll daily and at this size... */
    public static final String LOG_MAX_FILE_SIZE = "50MB";
    /** ...are kept this many days... */
    public static final int LOG_KEEP_DAYS = 30;
    /** ...and all together never pass this size. */
    public static final String LOG_TOTAL_CAP = "1GB";
}
