package org.vigil.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.vigil.pipeline.FaceBox;

/** Reads dlib's imglab XML (image file -> face boxes with top/left/width/height). */
final class GroundTruthFaces {
    private GroundTruthFaces() {}

    static Map<String, List<FaceBox>> read(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        Map<String, List<FaceBox>> out = new LinkedHashMap<>();
        NodeList images = doc.getElementsByTagName("image");
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            List<FaceBox> boxes = new ArrayList<>();
            NodeList bs = img.getElementsByTagName("box");
            for (int j = 0; j < bs.getLength(); j++) {
                Element b = (Element) bs.item(j);
                if ("1".equals(b.getAttribute("ignore"))) continue;
                boxes.add(new FaceBox(Integer.parseInt(b.getAttribute("left")), Integer.parseInt(b.getAttribute("top")),
                        Integer.parseInt(b.getAttribute("width")), Integer.parseInt(b.getAttribute("height")), 1f, null, -1));
            }
            out.put(img.getAttribute("file"), boxes);
        }
        return out;
    }

    static double iou(FaceBox a, FaceBox b) {
        int x0 = Math.max(a.x(), b.x()), y0 = Math.max(a.y(), b.y());
        int x1 = Math.min(a.x() + a.width(), b.x() + b.width()), y1 = Math.min(a.y() + a.height(), b.y() + b.height());
        if (x1 <= x0 || y1 <= y0) return 0;
        double inter = (double) (x1 - x0) * (y1 - y0);
        return inter / (a.area() + b.area() - inter);
    }
}
