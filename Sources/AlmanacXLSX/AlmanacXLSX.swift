// AlmanacXLSX: placeholder until its layer lands.
