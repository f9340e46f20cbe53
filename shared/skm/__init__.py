"""The satisfaction survey (Survei Kepuasan Masyarakat, Permen PANRB 14/2017): the
questionnaire, the answer sheets tied to served tickets, and the index (IKM). No Qt here."""
