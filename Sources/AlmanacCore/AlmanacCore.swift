// AlmanacCore: placeholder until its layer lands.
