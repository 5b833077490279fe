// AlmanacQuery: placeholder until its layer lands.
