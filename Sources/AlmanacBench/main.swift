import Almanac
print("bench")
