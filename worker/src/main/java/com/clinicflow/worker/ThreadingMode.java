package com.clinicflow.worker;

/**
 * Whether workflow and activity threads are virtual. Decided once at start from the JVM running
 * ClinicFlow: on JDK 21+ an idle conversation then costs a few KiB instead of an OS thread, and the
 * worker's thread cap no longer limits how many conversations stay cached. The build targets Java
 * 17, so the decision is made at run time.
 */
public record ThreadingMode(boolean virtualThreads, int javaFeatureVersion) {

  public static ThreadingMode detect() {
    int feature = Runtime.version().feature();
    return new ThreadingMode(feature >= 21, feature);
  }

  public String describe() {
    return virtualThreads
        ? "virtual threads (JDK " + javaFeatureVersion + ")"
        : "platform threads (JDK " + javaFeatureVersion + "; JDK 21+ uses virtual threads)";
  }
}
