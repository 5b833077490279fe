// AlmanacIO: placeholder until its layer lands.
