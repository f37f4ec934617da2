package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactIdentityRepositoryTest {

  private final ContactIdentityRepository identities =
      new ContactIdentityRepository(EmbeddedDatabase.jdbc());

  @BeforeEach
  void cleanDatabase() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "instance-a", null);
    EmbeddedDatabase.insertTenant("clinic-b", "instance-b", null);
  }

  @Test
  void aLearnedLidResolvesToItsPhoneAtThatClinicOnly() {
    assertThat(identities.phoneForLid("clinic-a", "123456789012345")).isEmpty();

    identities.learn("clinic-a", "123456789012345", "5511999990000");
    identities.learn("clinic-a", "123456789012345", "5511999990000");

    assertThat(identities.phoneForLid("clinic-a", "123456789012345")).hasValue("5511999990000");
    assertThat(identities.phoneForLid("clinic-b", "123456789012345")).isEmpty();
  }

  @Test
  void learningANewPhoneForALidReplacesTheOldOne() {
    identities.learn("clinic-a", "lid-1", "5511000000001");
    identities.learn("clinic-a", "lid-1", "5511000000002");

    assertThat(identities.phoneForLid("clinic-a", "lid-1")).hasValue("5511000000002");
  }

  @Test
  void aPatientsIdentitiesAreTheContactAndWhatTheClinicLearnedForIt() {
    identities.learn("clinic-a", "111", "5511999990000");
    identities.learn("clinic-a", "222", "5511999990000");
    identities.learn("clinic-b", "333", "5511999990000");

    assertThat(identities.identitiesOf("clinic-a", "5511999990000"))
        .containsExactly("5511999990000", "lid:111", "lid:222");
    assertThat(identities.identitiesOf("clinic-a", "lid:111"))
        .containsExactly("lid:111", "5511999990000");
    assertThat(identities.identitiesOf("clinic-b", "5511999990000"))
        .containsExactly("5511999990000", "lid:333");
    assertThat(identities.identitiesOf("clinic-b", "lid:111")).containsExactly("lid:111");
    assertThat(identities.identitiesOf("clinic-a", "5511000000000"))
        .containsExactly("5511000000000");
  }
}
