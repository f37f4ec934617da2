package com.clinicflow.activities.secrets;

/**
 * A stored secret cannot be decrypted: its key is not configured, or the ciphertext does not
 * authenticate (a different key with the same id, a row copied to another tenant or name, a damaged
 * value). The message names the key id and the secret's name, never a value.
 */
public class SecretUnreadableException extends RuntimeException {

  public SecretUnreadableException(String message) {
    super(message);
  }

  public SecretUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
