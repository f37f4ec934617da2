package com.clinicflow.activities.media;

import com.clinicflow.workflows.agent.MediaRef;
import com.clinicflow.workflows.common.Errors;
import java.util.List;

/**
 * One {@link MediaFetcher} over the channels' own: each reference goes to the first fetcher that
 * serves its channel (WhatsApp through Evolution, Telegram through the Bot API).
 */
public final class MediaFetchers implements MediaFetcher {

  private final List<MediaFetcher> fetchers;

  /**
   * @param fetchers the channels' fetchers, at least one
   */
  public MediaFetchers(List<MediaFetcher> fetchers) {
    if (fetchers == null || fetchers.isEmpty()) {
      throw new IllegalArgumentException("at least one MediaFetcher is needed");
    }
    this.fetchers = List.copyOf(fetchers);
  }

  @Override
  public Media fetch(MediaRef ref) {
    for (MediaFetcher fetcher : fetchers) {
      if (fetcher.fetches(ref)) {
        return fetcher.fetch(ref);
      }
    }
    throw Errors.CONFIGURATION.failure(
        "No media fetcher for " + (ref == null ? "missing" : ref.channel()) + " media");
  }

  @Override
  public boolean fetches(MediaRef ref) {
    return fetchers.stream().anyMatch(f -> f.fetches(ref));
  }
}
