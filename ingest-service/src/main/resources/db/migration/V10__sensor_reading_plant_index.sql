-- A plant's readings of a day: uploads are written one plant at a time, so a block range holds one plant's minutes
-- and a (plant, ts) summary skips every other plant's blocks of the month. With the ts summary alone a plant-day read
-- scans the day of every plant (its cost grows with the fleet); a btree would add about a third to each reading's
-- bytes. Small ranges (16 pages, ~2,000 readings) keep the blocks read close to the rows wanted.
create index sensor_reading_plant_ts on sensor_reading using brin (plant, ts) with (pages_per_range = 16);
