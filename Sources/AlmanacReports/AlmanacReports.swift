// AlmanacReports: placeholder until its layer lands.
