/**
 * What every Google API of ClinicFlow shares (Calendar, and Tasks for the staff assistant): the
 * {@code clinicflow.google.*} properties, the credentials of a clinic (its own {@code
 * google_credentials} secret, else the shared file) and HTTP without client-side retries.
 */
package com.clinicflow.activities.google;
