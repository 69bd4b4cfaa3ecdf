(
  CASE
    WHEN (
      JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
      AND NOT (
        COALESCE(
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['count']) = 'array',
          FALSE
        )
      )
    )
    THEN (
      (
        (
          NOT PARSE_JSON(`record`, wide_number_mode => 'round')['count'] IS NULL
          AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['count']) <> 'null'
        )
        AND NOT (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['count']) = 'array'
        )
      )
      AND (
        (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['count']) = 'number'
          AND SAFE_CAST(JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['count'], '$') AS FLOAT64) >= 10
        )
        OR (
          (
            JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['count']) = 'string'
            AND REGEXP_CONTAINS(
              JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['count'], '$'),
              '^(?:-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)$'
            )
          )
          AND COALESCE(
            SAFE_CAST(JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['count'], '$') AS FLOAT64) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND SAFE_CAST(JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['count'], '$') AS FLOAT64) >= 10,
            FALSE
          )
        )
      )
    )
    ELSE ARRAY_LENGTH(
      ARRAY(
        SELECT
          x13
        FROM UNNEST(ARRAY(
          SELECT
            x12
          FROM UNNEST(ARRAY(
            SELECT
              x11_item
            FROM UNNEST(ARRAY(
              SELECT
                x10_item
              FROM UNNEST(ARRAY(
                SELECT
                  x9_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x8_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x7
                    FROM UNNEST(ARRAY(
                      SELECT
                        x6['count']
                      FROM UNNEST(ARRAY(
                        SELECT
                          x5
                        FROM UNNEST(ARRAY(
                          SELECT
                            x4_item
                          FROM UNNEST(ARRAY(
                            SELECT
                              x3_item
                            FROM UNNEST(ARRAY(
                              SELECT
                                x2_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x1_item
                                FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x1
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x1) = 'array' THEN JSON_QUERY_ARRAY(x1, '$') ELSE [x1] END) AS x1_item
                              )) AS x2
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x2) = 'array' THEN JSON_QUERY_ARRAY(x2, '$') ELSE [x2] END) AS x2_item
                            )) AS x3
                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x3) = 'array' THEN JSON_QUERY_ARRAY(x3, '$') ELSE [x3] END) AS x3_item
                          )) AS x4
                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x4) = 'array' THEN JSON_QUERY_ARRAY(x4, '$') ELSE [x4] END) AS x4_item
                        )) AS x5
                        WHERE
                          JSON_TYPE(x5) = 'object'
                      )) AS x6
                    )) AS x7
                    WHERE
                      NOT x7 IS NULL AND JSON_TYPE(x7) <> 'null'
                  )) AS x8
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x8) = 'array' THEN JSON_QUERY_ARRAY(x8, '$') ELSE [x8] END) AS x8_item
                )) AS x9
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x9) = 'array' THEN JSON_QUERY_ARRAY(x9, '$') ELSE [x9] END) AS x9_item
              )) AS x10
              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x10) = 'array' THEN JSON_QUERY_ARRAY(x10, '$') ELSE [x10] END) AS x10_item
            )) AS x11
            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x11) = 'array' THEN JSON_QUERY_ARRAY(x11, '$') ELSE [x11] END) AS x11_item
          )) AS x12
          WHERE
            NOT x12 IS NULL AND JSON_TYPE(x12) <> 'null'
        )) AS x13
        WHERE
          (
            JSON_TYPE(x13) = 'number' AND SAFE_CAST(JSON_VALUE(x13, '$') AS FLOAT64) >= 10
          )
          OR (
            (
              JSON_TYPE(x13) = 'string'
              AND REGEXP_CONTAINS(JSON_VALUE(x13, '$'), '^(?:-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)$')
            )
            AND COALESCE(
              SAFE_CAST(JSON_VALUE(x13, '$') AS FLOAT64) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
              AND SAFE_CAST(JSON_VALUE(x13, '$') AS FLOAT64) >= 10,
              FALSE
            )
          )
      )
    ) > 0
  END
  AND CASE
    WHEN (
      JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
      AND NOT (
        COALESCE(
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime']) = 'array',
          FALSE
        )
      )
    )
    THEN (
      (
        (
          NOT PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime'] IS NULL
          AND JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime']) <> 'null'
        )
        AND NOT (
          JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime']) = 'array'
        )
      )
      AND (
        JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime']) = 'string'
        AND JSON_VALUE(PARSE_JSON(`record`, wide_number_mode => 'round')['eventTime'], '$') < '2026-01-01T00:00:00Z'
      )
    )
    ELSE ARRAY_LENGTH(
      ARRAY(
        SELECT
          x26
        FROM UNNEST(ARRAY(
          SELECT
            x25
          FROM UNNEST(ARRAY(
            SELECT
              x24_item
            FROM UNNEST(ARRAY(
              SELECT
                x23_item
              FROM UNNEST(ARRAY(
                SELECT
                  x22_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x21_item
                  FROM UNNEST(ARRAY(
                    SELECT
                      x20
                    FROM UNNEST(ARRAY(
                      SELECT
                        x19['eventTime']
                      FROM UNNEST(ARRAY(
                        SELECT
                          x18
                        FROM UNNEST(ARRAY(
                          SELECT
                            x17_item
                          FROM UNNEST(ARRAY(
                            SELECT
                              x16_item
                            FROM UNNEST(ARRAY(
                              SELECT
                                x15_item
                              FROM UNNEST(ARRAY(
                                SELECT
                                  x14_item
                                FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x14
                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x14) = 'array' THEN JSON_QUERY_ARRAY(x14, '$') ELSE [x14] END) AS x14_item
                              )) AS x15
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x15) = 'array' THEN JSON_QUERY_ARRAY(x15, '$') ELSE [x15] END) AS x15_item
                            )) AS x16
                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x16) = 'array' THEN JSON_QUERY_ARRAY(x16, '$') ELSE [x16] END) AS x16_item
                          )) AS x17
                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x17) = 'array' THEN JSON_QUERY_ARRAY(x17, '$') ELSE [x17] END) AS x17_item
                        )) AS x18
                        WHERE
                          JSON_TYPE(x18) = 'object'
                      )) AS x19
                    )) AS x20
                    WHERE
                      NOT x20 IS NULL AND JSON_TYPE(x20) <> 'null'
                  )) AS x21
                  CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x21) = 'array' THEN JSON_QUERY_ARRAY(x21, '$') ELSE [x21] END) AS x21_item
                )) AS x22
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x22) = 'array' THEN JSON_QUERY_ARRAY(x22, '$') ELSE [x22] END) AS x22_item
              )) AS x23
              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x23) = 'array' THEN JSON_QUERY_ARRAY(x23, '$') ELSE [x23] END) AS x23_item
            )) AS x24
            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x24) = 'array' THEN JSON_QUERY_ARRAY(x24, '$') ELSE [x24] END) AS x24_item
          )) AS x25
          WHERE
            NOT x25 IS NULL AND JSON_TYPE(x25) <> 'null'
        )) AS x26
        WHERE
          JSON_TYPE(x26) = 'string' AND JSON_VALUE(x26, '$') < '2026-01-01T00:00:00Z'
      )
    ) > 0
  END
)
