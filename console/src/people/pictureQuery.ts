/** The shared picture of a person: every agency's part the agreements release, the rest marked withheld. */
export const pictureQuery = `query ConsolePerson($id: ID!) { person(nationalId: $id) {
  nationalId givenName familyName dateOfBirth
  police {
    pncId
    warningMarkers { type addedOn note }
    intelligenceReports { id summary recordedAt reviewDate dissemination grading { source assessment handling } contact }
    incidents { category incident { id type occurredAt location { district } } }
  }
  customs {
    nationality
    crossings { id port direction crossedAt travelDocument }
    seizures { id goods quantity unit valueGbp seizedAt place }
    flags { type reason raisedOn }
  }
  probation {
    crn
    supervisionOrders { id type startDate endDate riskLevel conditions { type detail } offenderManager { name office phone email } }
  }
} }`;
