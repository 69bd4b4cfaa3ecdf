CASE
  WHEN (
    JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')) = 'object'
    AND NOT (
      COALESCE(
        JSON_TYPE(PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(
          PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']
        ) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(
          PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']
        ) = 'array',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(
          PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type']
        ) = 'array',
        FALSE
      )
    )
  )
  THEN (
    (
      (
        NOT PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type'] IS NULL
        AND JSON_TYPE(
          PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type']
        ) <> 'null'
      )
      AND NOT (
        JSON_TYPE(
          PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type']
        ) = 'array'
      )
    )
    AND (
      JSON_TYPE(
        PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type']
      ) = 'string'
      AND JSON_VALUE(
        PARSE_JSON(`record`, wide_number_mode => 'round')['userIdentity']['sessionContext']['sessionIssuer']['type'],
        '$'
      ) = 'Role'
    )
  )
  ELSE ARRAY_LENGTH(
    ARRAY(
      SELECT
        x34
      FROM UNNEST(ARRAY(
        SELECT
          x33
        FROM UNNEST(ARRAY(
          SELECT
            x32_item
          FROM UNNEST(ARRAY(
            SELECT
              x31_item
            FROM UNNEST(ARRAY(
              SELECT
                x30_item
              FROM UNNEST(ARRAY(
                SELECT
                  x29_item
                FROM UNNEST(ARRAY(
                  SELECT
                    x28
                  FROM UNNEST(ARRAY(
                    SELECT
                      x27['type']
                    FROM UNNEST(ARRAY(
                      SELECT
                        x26
                      FROM UNNEST(ARRAY(
                        SELECT
                          x25_item
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
                                  x21
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x20['sessionIssuer']
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x19
                                    FROM UNNEST(ARRAY(
                                      SELECT
                                        x18_item
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
                                                x14
                                              FROM UNNEST(ARRAY(
                                                SELECT
                                                  x13['sessionContext']
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
                                                                x6['userIdentity']
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
                                                    JSON_TYPE(x12) = 'object'
                                                )) AS x13
                                              )) AS x14
                                              WHERE
                                                NOT x14 IS NULL AND JSON_TYPE(x14) <> 'null'
                                            )) AS x15
                                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x15) = 'array' THEN JSON_QUERY_ARRAY(x15, '$') ELSE [x15] END) AS x15_item
                                          )) AS x16
                                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x16) = 'array' THEN JSON_QUERY_ARRAY(x16, '$') ELSE [x16] END) AS x16_item
                                        )) AS x17
                                        CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x17) = 'array' THEN JSON_QUERY_ARRAY(x17, '$') ELSE [x17] END) AS x17_item
                                      )) AS x18
                                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x18) = 'array' THEN JSON_QUERY_ARRAY(x18, '$') ELSE [x18] END) AS x18_item
                                    )) AS x19
                                    WHERE
                                      JSON_TYPE(x19) = 'object'
                                  )) AS x20
                                )) AS x21
                                WHERE
                                  NOT x21 IS NULL AND JSON_TYPE(x21) <> 'null'
                              )) AS x22
                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x22) = 'array' THEN JSON_QUERY_ARRAY(x22, '$') ELSE [x22] END) AS x22_item
                            )) AS x23
                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x23) = 'array' THEN JSON_QUERY_ARRAY(x23, '$') ELSE [x23] END) AS x23_item
                          )) AS x24
                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x24) = 'array' THEN JSON_QUERY_ARRAY(x24, '$') ELSE [x24] END) AS x24_item
                        )) AS x25
                        CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x25) = 'array' THEN JSON_QUERY_ARRAY(x25, '$') ELSE [x25] END) AS x25_item
                      )) AS x26
                      WHERE
                        JSON_TYPE(x26) = 'object'
                    )) AS x27
                  )) AS x28
                  WHERE
                    NOT x28 IS NULL AND JSON_TYPE(x28) <> 'null'
                )) AS x29
                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x29) = 'array' THEN JSON_QUERY_ARRAY(x29, '$') ELSE [x29] END) AS x29_item
              )) AS x30
              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x30) = 'array' THEN JSON_QUERY_ARRAY(x30, '$') ELSE [x30] END) AS x30_item
            )) AS x31
            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x31) = 'array' THEN JSON_QUERY_ARRAY(x31, '$') ELSE [x31] END) AS x31_item
          )) AS x32
          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x32) = 'array' THEN JSON_QUERY_ARRAY(x32, '$') ELSE [x32] END) AS x32_item
        )) AS x33
        WHERE
          NOT x33 IS NULL AND JSON_TYPE(x33) <> 'null'
      )) AS x34
      WHERE
        JSON_TYPE(x34) = 'string' AND JSON_VALUE(x34, '$') = 'Role'
    )
  ) > 0
END
