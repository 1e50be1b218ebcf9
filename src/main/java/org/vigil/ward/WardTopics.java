package org.vigil.ward;

import java.util.regex.Pattern;

/**
 * Every MQTT topic of one ward, under {@code vigil/{site}/{ward}/}: defined here only
 * (docs/deployment.md lists them with QoS, retain and expiry).
 *
 * <pre>
 * edge/{edge}/presence   retained, QoS 1; Last Will "offline"          edge -> all
 * edge/{edge}/alert      QoS 1, expiry 1 day; one transition each     edge -> central
 * edge/{edge}/receipt    QoS 1; "stored" for an alert message's seq   central -> edge
 * bed/{bed}/state        retained, QoS 0, expiry 60 s                 edge -> all
 * alert/{alertId}        retained, QoS 1: the alert's state            central -> edges, dashboards
 * config                 retained, QoS 1: the validated alerts-config  central -> edges
 * central/presence       retained, QoS 1; Last Will "offline"         central -> all
 * central/cmd            QoS 1: acknowledge / resolve by a named user  dashboards -> central
 * </pre>
 */
public record WardTopics(String site, String ward) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public WardTopics {
        check("site", site);
        check("ward", ward);
    }

    /** @throws IllegalArgumentException when a name could not be one topic level */
    public static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "' must be letters, digits, '.', '_' or '-' (it is an MQTT topic level)");
        }
        return name;
    }

    public String base() {
        return "vigil/" + site + "/" + ward;
    }

    public String presence(String edge) {
        return base() + "/edge/" + edge + "/presence";
    }

    public String alerts(String edge) {
        return base() + "/edge/" + edge + "/alert";
    }

    public String receipts(String edge) {
        return base() + "/edge/" + edge + "/receipt";
    }

    public String bed(String bed) {
        return base() + "/bed/" + bed + "/state";
    }

    public String alertState(String alertId) {
        return base() + "/alert/" + alertId;
    }

    public String config() {
        return base() + "/config";
    }

    public String centralPresence() {
        return base() + "/central/presence";
    }

    public String commands() {
        return base() + "/central/cmd";
    }

    public String allPresence() {
        return base() + "/edge/+/presence";
    }

    public String allAlerts() {
        return base() + "/edge/+/alert";
    }

    public String allBeds() {
        return base() + "/bed/+/state";
    }

    public String allAlertStates() {
        return base() + "/alert/+";
    }

    /** The {edge} level of an edge topic. */
    public String edgeOf(String topic) {
        String[] p = topic.split("/");
        return p.length >= 5 && p[3].equals("edge") ? p[4] : null;
    }
}
