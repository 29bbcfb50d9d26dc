-- Each upload's readings of a series per plant-local day: how many, how many numeric, their sum, min and max. A
-- dashboard's year of a probe is 365 of these rows, not 525,600 readings. Written in the upload's transaction; the
-- day is the plant's in time_zone, its zone when the row was written, and a plant whose zone changes has its rows
-- made again in the transaction that changes it (ingest/sensor/SensorDayStatsRepository). Small (a row per upload,
-- series and day), carrying the plant in its key, as the distribution rules ask.
create table sensor_day_stats (
    plant            text             not null,
    upload_id        bigint           not null,
    series_id        integer          not null,
    day              date             not null,
    time_zone        text             not null,
    readings         integer          not null,
    numeric_readings integer          not null,
    value_sum        double precision,
    value_min        double precision,
    value_max        double precision,
    primary key (plant, upload_id, series_id, day)
);
create index sensor_day_stats_plant_day on sensor_day_stats (plant, day);

insert into sensor_day_stats (plant, upload_id, series_id, day, time_zone, readings, numeric_readings, value_sum,
                              value_min, value_max)
select r.plant, r.upload_id, r.series_id, (r.ts at time zone coalesce(z.time_zone, 'UTC'))::date,
       coalesce(z.time_zone, 'UTC'), count(*), count(r.value), sum(r.value), min(r.value), max(r.value)
from sensor_reading r
left join (select distinct on (plant) plant, time_zone from plant_version order by plant, version desc) z
       on z.plant = r.plant
group by 1, 2, 3, 4, 5;
