package io.netanal.analysis;

import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.detect.DetectionPipeline;
import io.netanal.flow.AppMessages;
import io.netanal.flow.AppMetadata;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowTableOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The one construction of the full file engine, shared by {@code netanal analyze} and {@code netanal serve}'s
 * ingest: statistics, the flow table (and names), then windows and detection, then any further consumers, every
 * frame in file order.
 */
public final class FileAnalyses {
  /** Flows kept in the report when {@code top} is 0 ("all" applies to endpoints and conversations only). */
  private static final int DEFAULT_FLOWS_TOP = 20;

  private FileAnalyses() {}

  /**
   * An analysis whose flow records name {@code source}; {@code pipeline} (null when detection is off) gets the
   * frames after the flow table and every flow record (handshake times, retransmissions), {@code flowListeners}
   * get every flow record too, and {@code more} the frames after the pipeline.
   */
  public static CaptureFileAnalysis create(AnalysisOptions options, String source, int maxFlows,
      boolean learnNames, DetectionPipeline pipeline, List<? extends FlowListener> flowListeners,
      List<? extends DecodedFrameConsumer> more) {
    int top = options.top() == 0 ? DEFAULT_FLOWS_TOP : options.top();
    FlowAnalysis flows = new FlowAnalysis(FlowTableOptions.forFile(source, maxFlows), top, learnNames,
        learnNames ? AppMessages.INSTANCE : AppMetadata.NONE);
    if (pipeline != null && flowListeners.isEmpty() && more.isEmpty()) {
      // The flow table on the reading thread, windows and detection on a second one (see the constructor).
      return new CaptureFileAnalysis(options, flows, pipeline.frames());
    }
    List<DecodedFrameConsumer> after = new ArrayList<>();
    if (pipeline != null) {
      flows.listen(pipeline.frames());
      after.add(pipeline.frames());
    }
    for (FlowListener listener : flowListeners) {
      flows.listen(listener);
    }
    after.addAll(more);
    return after.isEmpty() ? new CaptureFileAnalysis(options, flows) : new CaptureFileAnalysis(options, flows, after);
  }

  /** The result with the alerts in its report (unchanged without detection); the analysis finished the windows. */
  public static AnalysisResult detected(AnalysisResult result, DetectionPipeline pipeline) {
    if (pipeline == null) {
      return result;
    }
    return new AnalysisResult(result.report().withDetection(pipeline.summary(), pipeline.alerts()),
        result.damage());
  }
}
