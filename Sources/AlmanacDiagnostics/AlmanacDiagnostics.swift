// AlmanacDiagnostics: placeholder until its layer lands.
