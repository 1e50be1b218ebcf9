package org.vigil.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.vigil.detect.FaceBox;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** dlib imglab XML with 68-point landmarks: image file -> faces (box and points). */
public final class DlibLandmarks {
    /** @param points x0,y0,...,x67,y67 (iBUG 300-W order) */
    public record Face(FaceBox box, float[] points) {
        public double[] leftEye() {
            return centre(36, 41);
        }

        public double[] rightEye() {
            return centre(42, 47);
        }

        public double interOcular() {
            double[] a = leftEye(), b = rightEye();
            return Math.hypot(a[0] - b[0], a[1] - b[1]);
        }

        public double[] point(int i) {
            return new double[] {points[2 * i], points[2 * i + 1]};
        }

        double[] centre(int from, int to) {
            double x = 0, y = 0;
            for (int i = from; i <= to; i++) {
                x += points[2 * i];
                y += points[2 * i + 1];
            }
            return new double[] {x / (to - from + 1), y / (to - from + 1)};
        }
    }

    private DlibLandmarks() {}

    public static Map<String, List<Face>> read(Path xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = f.newDocumentBuilder().parse(xml.toFile());
            Map<String, List<Face>> out = new LinkedHashMap<>();
            NodeList images = doc.getElementsByTagName("image");
            for (int i = 0; i < images.getLength(); i++) {
                Element img = (Element) images.item(i);
                List<Face> faces = new ArrayList<>();
                NodeList bs = img.getElementsByTagName("box");
                for (int j = 0; j < bs.getLength(); j++) {
                    Element b = (Element) bs.item(j);
                    if ("1".equals(b.getAttribute("ignore"))) continue;
                    NodeList parts = b.getElementsByTagName("part");
                    if (parts.getLength() != 68) {
                        throw new IllegalArgumentException(xml + ": image " + img.getAttribute("file") + " box " + (j + 1)
                                + " has " + parts.getLength() + " parts, expected 68");
                    }
                    float[] pts = new float[136];
                    for (int k = 0; k < 68; k++) {
                        Element p = (Element) parts.item(k);
                        int idx = Integer.parseInt(p.getAttribute("name"));
                        pts[2 * idx] = Float.parseFloat(p.getAttribute("x"));
                        pts[2 * idx + 1] = Float.parseFloat(p.getAttribute("y"));
                    }
                    FaceBox box = new FaceBox(Integer.parseInt(b.getAttribute("left")), Integer.parseInt(b.getAttribute("top")),
                            Integer.parseInt(b.getAttribute("width")), Integer.parseInt(b.getAttribute("height")), 1f, null, -1);
                    faces.add(new Face(box, pts));
                }
                out.merge(img.getAttribute("file"), faces, (a, c) -> {
                    List<Face> all = new ArrayList<>(a);
                    all.addAll(c);
                    return all;
                });
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read landmark file " + xml + ": " + e.getMessage(), e);
        }
    }
}
